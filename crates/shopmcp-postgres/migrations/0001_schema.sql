-- shopmcp PostgreSQL schema, version 1. Runs as the owner role (which owns every object).
--
-- Every tenant table: `workspace_id uuid NOT NULL`; every PRIMARY KEY, UNIQUE and FOREIGN KEY
-- includes it; every index leads with it; Row-Level Security ENABLED and FORCED; exactly one
-- policy whose USING and WITH CHECK are the same expression on the transaction-local setting
-- `app.workspace_id` (NULLIF: after a transaction ends the setting reads '' rather than NULL).
--
-- Two tables are not tenant-scoped:
-- * token_lookup maps a bearer token's public id to its workspace, so a token can be checked
--   before the workspace is known. It is protected by its own policy keyed on the
--   transaction-local `app.token_id`: a session sees only the row of the token id it names.
-- * unauthenticated_events holds audit events of calls that had no valid token (no workspace).
--
-- Privileges are not granted here: migrate() grants them to the configured application and
-- admin roles after the migrations ran (their names differ per deployment).

-- migrate() creates the schema first: the migrations' own bookkeeping table lives in it.
CREATE SCHEMA IF NOT EXISTS shopmcp;

CREATE TABLE shopmcp.workspaces (
    workspace_id uuid        NOT NULL,
    label        text        NOT NULL DEFAULT '' CHECK (octet_length(label) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id)
);

CREATE TABLE shopmcp.bearer_tokens (
    workspace_id uuid        NOT NULL,
    token_id     text        NOT NULL CHECK (token_id ~ '^[0-9a-f]{16}$'),
    token_hash   text        NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    label        text        NOT NULL CHECK (octet_length(label) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    PRIMARY KEY (workspace_id, token_id),
    FOREIGN KEY (workspace_id) REFERENCES shopmcp.workspaces (workspace_id) ON DELETE CASCADE
);

CREATE TABLE shopmcp.token_lookup (
    token_id     text NOT NULL,
    workspace_id uuid NOT NULL,
    PRIMARY KEY (token_id, workspace_id),
    FOREIGN KEY (workspace_id, token_id)
        REFERENCES shopmcp.bearer_tokens (workspace_id, token_id) ON DELETE CASCADE
);

CREATE TABLE shopmcp.wrapped_deks (
    workspace_id    uuid   NOT NULL,
    dek_id          uuid   NOT NULL,
    version         bigint NOT NULL CHECK (version BETWEEN 0 AND 4294967295),
    state           text   NOT NULL CHECK (state IN ('active', 'decrypt_only')),
    key_id          text   NOT NULL,
    wrapped         bytea  NOT NULL,
    created_at_unix bigint NOT NULL CHECK (created_at_unix >= 0),
    PRIMARY KEY (workspace_id, dek_id)
);
-- At most one active DEK per workspace, also across server processes.
CREATE UNIQUE INDEX wrapped_deks_one_active ON shopmcp.wrapped_deks (workspace_id)
    WHERE state = 'active';

CREATE TABLE shopmcp.credential_records (
    workspace_id    uuid   NOT NULL,
    platform        text   NOT NULL,
    slot            text   NOT NULL,
    record_id       uuid   NOT NULL,
    kind            text   NOT NULL,
    dek_id          uuid   NOT NULL,
    updated_at_unix bigint NOT NULL CHECK (updated_at_unix >= 0),
    PRIMARY KEY (workspace_id, platform, slot)
);

CREATE TABLE shopmcp.credential_fields (
    workspace_id uuid  NOT NULL,
    platform     text  NOT NULL,
    slot         text  NOT NULL,
    field        text  NOT NULL,
    ciphertext   bytea NOT NULL,
    PRIMARY KEY (workspace_id, platform, slot, field),
    FOREIGN KEY (workspace_id, platform, slot)
        REFERENCES shopmcp.credential_records (workspace_id, platform, slot) ON DELETE CASCADE
);

CREATE TABLE shopmcp.usage_events (
    workspace_id uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    request_id   uuid        NOT NULL,
    tool         text        NOT NULL,
    platform     text,
    latency_us   bigint      NOT NULL CHECK (latency_us >= 0),
    outcome      text        NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, event_id)
);
CREATE INDEX usage_events_by_time ON shopmcp.usage_events (workspace_id, occurred_at);

CREATE TABLE shopmcp.unauthenticated_events (
    event_id    uuid        NOT NULL,
    occurred_at timestamptz NOT NULL,
    request_id  uuid        NOT NULL,
    tool        text        NOT NULL,
    platform    text,
    latency_us  bigint      NOT NULL CHECK (latency_us >= 0),
    outcome     text        NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id)
);
CREATE INDEX unauthenticated_events_by_time ON shopmcp.unauthenticated_events (occurred_at);

CREATE TABLE shopmcp.usage_outbox (
    workspace_id uuid        NOT NULL,
    event_id     uuid        NOT NULL,
    occurred_at  timestamptz NOT NULL,
    tool         text        NOT NULL,
    platform     text,
    outcome      text        NOT NULL,
    delivered_at timestamptz,
    PRIMARY KEY (workspace_id, event_id)
);
CREATE INDEX usage_outbox_pending ON shopmcp.usage_outbox (workspace_id, occurred_at)
    WHERE delivered_at IS NULL;

CREATE TABLE shopmcp.idempotency_records (
    workspace_id uuid        NOT NULL,
    tool         text        NOT NULL,
    idem_key     text        NOT NULL,
    digest       text        NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    result       jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, tool, idem_key)
);
CREATE INDEX idempotency_records_by_age ON shopmcp.idempotency_records (workspace_id, created_at);

-- Row-Level Security: enabled AND forced (the owner is subject to it too), one policy each.
ALTER TABLE shopmcp.workspaces ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.workspaces FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shopmcp.workspaces
    USING (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid);

ALTER TABLE shopmcp.bearer_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.bearer_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shopmcp.bearer_tokens
    USING (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid);

ALTER TABLE shopmcp.token_lookup ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.token_lookup FORCE ROW LEVEL SECURITY;
CREATE POLICY token_scope ON shopmcp.token_lookup
    USING (token_id = NULLIF(current_setting('app.token_id', true), ''))
    WITH CHECK (token_id = NULLIF(current_setting('app.token_id', true), ''));

ALTER TABLE shopmcp.wrapped_deks ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.wrapped_deks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shopmcp.wrapped_deks
    USING (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid);

ALTER TABLE shopmcp.credential_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.credential_records FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shopmcp.credential_records
    USING (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid);

ALTER TABLE shopmcp.credential_fields ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.credential_fields FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shopmcp.credential_fields
    USING (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid);

ALTER TABLE shopmcp.usage_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.usage_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shopmcp.usage_events
    USING (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid);

ALTER TABLE shopmcp.usage_outbox ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.usage_outbox FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shopmcp.usage_outbox
    USING (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid);

ALTER TABLE shopmcp.idempotency_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE shopmcp.idempotency_records FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON shopmcp.idempotency_records
    USING (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid)
    WITH CHECK (workspace_id = NULLIF(current_setting('app.workspace_id', true), '')::uuid);

-- Nobody but the owner may create objects in the schema.
REVOKE ALL ON SCHEMA shopmcp FROM PUBLIC;
