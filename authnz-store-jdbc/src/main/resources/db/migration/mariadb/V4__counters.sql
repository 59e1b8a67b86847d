-- Issue 5: rate-limit and failed-login counters shared by every sidecar on this database
-- (--ratelimitstore=database), as on SQLite and PostgreSQL. Times are microseconds since the
-- epoch; a row whose expiry has passed counts as absent and is deleted by a later sweep.
CREATE TABLE authnz_counters (
  counter_key VARCHAR(512) NOT NULL,
  hits BIGINT NOT NULL,
  first_seen BIGINT NOT NULL,
  expires BIGINT NOT NULL,
  PRIMARY KEY (counter_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX authnz_counters_expires ON authnz_counters (expires);
