-- Issue 5: rate-limit and failed-login counters shared by every sidecar on this database
-- (--ratelimitstore=database). Times are microseconds since the epoch; a row whose expiry has
-- passed counts as absent and is deleted by a later sweep.
CREATE TABLE authnz_counters (
  counter_key VARCHAR(512) PRIMARY KEY,
  hits BIGINT NOT NULL,
  first_seen BIGINT NOT NULL,
  expires BIGINT NOT NULL
);
CREATE INDEX authnz_counters_expires ON authnz_counters (expires);
