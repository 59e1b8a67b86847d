-- Issue 6: session and API-key tokens are stored as their SHA-256 digest (lower-case hex), never
-- in clear. The store digests every token it is given, so existing sessions and keys keep working.
-- Conversion in place, one UPDATE per table: row locks only, no table lock beyond the brief
-- constraint change. Rolling upgrades: docs/operations.md, "Migrations".

-- apikeys.session_token follows its session when the session's token is rewritten. NOT VALID
-- skips the full check under the strong lock; VALIDATE then runs without blocking writes.
ALTER TABLE apikeys DROP CONSTRAINT apikeys_session_token_fkey;
ALTER TABLE apikeys ADD CONSTRAINT apikeys_session_token_fkey FOREIGN KEY (session_token)
    REFERENCES sessions (session_token) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID;

UPDATE sessions SET session_token = encode(sha256(convert_to(session_token, 'UTF8')), 'hex');
UPDATE apikeys SET apikey = encode(sha256(convert_to(apikey, 'UTF8')), 'hex');
UPDATE apikeys_nosession SET apikey = encode(sha256(convert_to(apikey, 'UTF8')), 'hex');

ALTER TABLE apikeys VALIDATE CONSTRAINT apikeys_session_token_fkey;
