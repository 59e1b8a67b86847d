-- Issue 5: when an automatic lock after failed logins ends, so that a restart ends it too.
ALTER TABLE users ADD COLUMN lock_expires DATETIME(6);
