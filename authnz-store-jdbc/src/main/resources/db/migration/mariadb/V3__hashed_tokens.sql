-- Issue 6: session and API-key tokens are stored as their SHA-256 digest (lower-case hex), never
-- in clear. The store digests every token it is given, so existing sessions and keys keep working.
-- Conversion in place, one UPDATE per table (InnoDB row locks); apikeys.session_token follows its
-- session through ON UPDATE CASCADE (V1). Rolling upgrades: docs/operations.md, "Migrations".

UPDATE sessions SET session_token = SHA2(session_token, 256);
UPDATE apikeys SET apikey = SHA2(apikey, 256);
UPDATE apikeys_nosession SET apikey = SHA2(apikey, 256);
