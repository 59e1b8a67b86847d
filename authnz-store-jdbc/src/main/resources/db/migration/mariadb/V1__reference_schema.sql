-- Schema version 1 on MariaDB: the authnzerver reference schema (spec/storage-schema.md section
-- 10.1) adapted so that MariaDB can create it. The differences (docs/compatibility.md):
-- * sessions.session_token, apikeys.apikey, apikeys.session_token and apikeys_nosession.apikey are
--   VARCHAR(255): a TEXT or length-less VARCHAR primary key cannot be indexed by InnoDB;
-- * every table uses utf8mb4 with the binary, no-pad collation, so that e-mail lookups and unique
--   checks compare exact strings as on SQLite and PostgreSQL (the default collation would match
--   'A@x' with 'a@x' and ignore trailing spaces);
-- * DATETIME(6) keeps microseconds; JSON is MariaDB's checked LONGTEXT, which keeps the stored
--   text byte for byte; integer ids use AUTO_INCREMENT.
-- * apikeys.session_token also cascades on update, so that V3 can rewrite session tokens.
-- The store's connections run with ANSI_QUOTES, so the reference's quoted "desc" works as is.

CREATE TABLE roles (
    name VARCHAR(100) NOT NULL,
    "desc" VARCHAR(280) NOT NULL,
    PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE users (
    user_id INTEGER NOT NULL AUTO_INCREMENT,
    system_id VARCHAR(50) NOT NULL,
    full_name VARCHAR(280),
    password TEXT NOT NULL,
    email VARCHAR(280) NOT NULL,
    email_verified BOOLEAN NOT NULL,
    is_active BOOLEAN NOT NULL,
    emailverify_sent_datetime DATETIME(6),
    emailforgotpass_sent_datetime DATETIME(6),
    emailchangepass_sent_datetime DATETIME(6),
    last_login_success DATETIME(6),
    last_login_try DATETIME(6),
    failed_login_tries INTEGER,
    extra_info JSON,
    created_on DATETIME(6) NOT NULL,
    last_updated DATETIME(6) NOT NULL,
    user_role VARCHAR(100) NOT NULL,
    PRIMARY KEY (user_id),
    UNIQUE (email),
    FOREIGN KEY(user_role) REFERENCES roles (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_users_created_on ON users (created_on);
CREATE INDEX ix_users_email_verified ON users (email_verified);
CREATE INDEX ix_users_full_name ON users (full_name);
CREATE INDEX ix_users_is_active ON users (is_active);
CREATE INDEX ix_users_last_login_success ON users (last_login_success);
CREATE INDEX ix_users_last_login_try ON users (last_login_try);
CREATE INDEX ix_users_last_updated ON users (last_updated);
CREATE UNIQUE INDEX ix_users_system_id ON users (system_id);
CREATE INDEX ix_users_user_role ON users (user_role);

CREATE TABLE apikeys_nosession (
    apikey VARCHAR(255) NOT NULL,
    issued DATETIME(6) NOT NULL,
    expires DATETIME(6) NOT NULL,
    not_valid_before DATETIME(6) NOT NULL,
    refresh_token TEXT NOT NULL,
    refresh_issued DATETIME(6) NOT NULL,
    refresh_expires DATETIME(6) NOT NULL,
    refresh_nbf DATETIME(6) NOT NULL,
    user_id INTEGER NOT NULL,
    user_role VARCHAR(100) NOT NULL,
    PRIMARY KEY (apikey),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE,
    FOREIGN KEY(user_role) REFERENCES roles (name) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_apikeys_nosession_expires ON apikeys_nosession (expires);
CREATE INDEX ix_apikeys_nosession_not_valid_before ON apikeys_nosession (not_valid_before);
CREATE INDEX ix_apikeys_nosession_refresh_expires ON apikeys_nosession (refresh_expires);
CREATE INDEX ix_apikeys_nosession_refresh_nbf ON apikeys_nosession (refresh_nbf);

CREATE TABLE groups (
    group_id INTEGER NOT NULL AUTO_INCREMENT,
    system_id VARCHAR(50) NOT NULL,
    group_name VARCHAR(280) NOT NULL,
    visibility VARCHAR(100) NOT NULL,
    created_by INTEGER NOT NULL,
    is_active BOOLEAN NOT NULL,
    created_on DATETIME(6) NOT NULL,
    last_updated DATETIME(6) NOT NULL,
    group_role VARCHAR(100) NOT NULL,
    extra_info JSON,
    PRIMARY KEY (group_id),
    FOREIGN KEY(created_by) REFERENCES users (user_id),
    FOREIGN KEY(group_role) REFERENCES roles (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_groups_created_on ON groups (created_on);
CREATE INDEX ix_groups_group_role ON groups (group_role);
CREATE INDEX ix_groups_is_active ON groups (is_active);
CREATE INDEX ix_groups_last_updated ON groups (last_updated);
CREATE INDEX ix_groups_system_id ON groups (system_id);
CREATE INDEX ix_groups_visibility ON groups (visibility);

CREATE TABLE preferences (
    pref_id INTEGER NOT NULL AUTO_INCREMENT,
    user_id INTEGER NOT NULL,
    pref_name VARCHAR(100) NOT NULL,
    pref_value VARCHAR(280),
    PRIMARY KEY (pref_id),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE sessions (
    session_token VARCHAR(255) NOT NULL,
    ip_address VARCHAR(280) NOT NULL,
    user_agent VARCHAR(280) NOT NULL,
    user_id INTEGER NOT NULL,
    created DATETIME(6) NOT NULL,
    expires DATETIME(6) NOT NULL,
    extra_info_json JSON,
    PRIMARY KEY (session_token),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_sessions_created ON sessions (created);
CREATE INDEX ix_sessions_expires ON sessions (expires);

CREATE TABLE apikeys (
    apikey VARCHAR(255) NOT NULL,
    issued DATETIME(6) NOT NULL,
    expires DATETIME(6) NOT NULL,
    not_valid_before DATETIME(6) NOT NULL,
    user_id INTEGER NOT NULL,
    user_role VARCHAR(100) NOT NULL,
    session_token VARCHAR(255) NOT NULL,
    PRIMARY KEY (apikey),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE,
    FOREIGN KEY(user_role) REFERENCES roles (name) ON DELETE CASCADE,
    FOREIGN KEY(session_token) REFERENCES sessions (session_token) ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ix_apikeys_expires ON apikeys (expires);
CREATE INDEX ix_apikeys_not_valid_before ON apikeys (not_valid_before);

CREATE TABLE user_groups (
    user_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, group_id),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE,
    FOREIGN KEY(group_id) REFERENCES groups (group_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
