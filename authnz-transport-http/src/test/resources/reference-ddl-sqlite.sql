CREATE TABLE roles (
    name VARCHAR(100) NOT NULL,
    "desc" VARCHAR(280) NOT NULL,
    PRIMARY KEY (name)
);
CREATE TABLE users (
    user_id INTEGER NOT NULL,
    system_id VARCHAR(50) NOT NULL,
    full_name VARCHAR(280),
    password TEXT NOT NULL,
    email VARCHAR(280) NOT NULL,
    email_verified BOOLEAN NOT NULL,
    is_active BOOLEAN NOT NULL,
    emailverify_sent_datetime DATETIME,
    emailforgotpass_sent_datetime DATETIME,
    emailchangepass_sent_datetime DATETIME,
    last_login_success DATETIME,
    last_login_try DATETIME,
    failed_login_tries INTEGER,
    extra_info JSON,
    created_on DATETIME NOT NULL,
    last_updated DATETIME NOT NULL,
    user_role VARCHAR(100) NOT NULL,
    PRIMARY KEY (user_id),
    UNIQUE (email),
    FOREIGN KEY(user_role) REFERENCES roles (name)
);
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
    apikey TEXT NOT NULL,
    issued DATETIME NOT NULL,
    expires DATETIME NOT NULL,
    not_valid_before DATETIME NOT NULL,
    refresh_token TEXT NOT NULL,
    refresh_issued DATETIME NOT NULL,
    refresh_expires DATETIME NOT NULL,
    refresh_nbf DATETIME NOT NULL,
    user_id INTEGER NOT NULL,
    user_role VARCHAR(100) NOT NULL,
    PRIMARY KEY (apikey),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE,
    FOREIGN KEY(user_role) REFERENCES roles (name) ON DELETE CASCADE
);
CREATE INDEX ix_apikeys_nosession_expires ON apikeys_nosession (expires);
CREATE INDEX ix_apikeys_nosession_not_valid_before ON apikeys_nosession (not_valid_before);
CREATE INDEX ix_apikeys_nosession_refresh_expires ON apikeys_nosession (refresh_expires);
CREATE INDEX ix_apikeys_nosession_refresh_nbf ON apikeys_nosession (refresh_nbf);
CREATE TABLE groups (
    group_id INTEGER NOT NULL,
    system_id VARCHAR(50) NOT NULL,
    group_name VARCHAR(280) NOT NULL,
    visibility VARCHAR(100) NOT NULL,
    created_by INTEGER NOT NULL,
    is_active BOOLEAN NOT NULL,
    created_on DATETIME NOT NULL,
    last_updated DATETIME NOT NULL,
    group_role VARCHAR(100) NOT NULL,
    extra_info JSON,
    PRIMARY KEY (group_id),
    FOREIGN KEY(created_by) REFERENCES users (user_id),
    FOREIGN KEY(group_role) REFERENCES roles (name)
);
CREATE INDEX ix_groups_created_on ON groups (created_on);
CREATE INDEX ix_groups_group_role ON groups (group_role);
CREATE INDEX ix_groups_is_active ON groups (is_active);
CREATE INDEX ix_groups_last_updated ON groups (last_updated);
CREATE INDEX ix_groups_system_id ON groups (system_id);
CREATE INDEX ix_groups_visibility ON groups (visibility);
CREATE TABLE preferences (
    pref_id INTEGER NOT NULL,
    user_id INTEGER NOT NULL,
    pref_name VARCHAR(100) NOT NULL,
    pref_value VARCHAR(280),
    PRIMARY KEY (pref_id),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE
);
CREATE TABLE sessions (
    session_token VARCHAR NOT NULL,
    ip_address VARCHAR(280) NOT NULL,
    user_agent VARCHAR(280) NOT NULL,
    user_id INTEGER NOT NULL,
    created DATETIME NOT NULL,
    expires DATETIME NOT NULL,
    extra_info_json JSON,
    PRIMARY KEY (session_token),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE
);
CREATE INDEX ix_sessions_created ON sessions (created);
CREATE INDEX ix_sessions_expires ON sessions (expires);
CREATE TABLE apikeys (
    apikey TEXT NOT NULL,
    issued DATETIME NOT NULL,
    expires DATETIME NOT NULL,
    not_valid_before DATETIME NOT NULL,
    user_id INTEGER NOT NULL,
    user_role VARCHAR(100) NOT NULL,
    session_token TEXT NOT NULL,
    PRIMARY KEY (apikey),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE,
    FOREIGN KEY(user_role) REFERENCES roles (name) ON DELETE CASCADE,
    FOREIGN KEY(session_token) REFERENCES sessions (session_token) ON DELETE CASCADE
);
CREATE INDEX ix_apikeys_expires ON apikeys (expires);
CREATE INDEX ix_apikeys_not_valid_before ON apikeys (not_valid_before);
CREATE TABLE user_groups (
    user_id INTEGER NOT NULL,
    group_id INTEGER NOT NULL,
    PRIMARY KEY (user_id, group_id),
    FOREIGN KEY(user_id) REFERENCES users (user_id) ON DELETE CASCADE,
    FOREIGN KEY(group_id) REFERENCES groups (group_id) ON DELETE CASCADE
);
