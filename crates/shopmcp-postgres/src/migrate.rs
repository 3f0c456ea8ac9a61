//! Embedded migrations, privileges, and the role checks run before serving.

use secrecy::SecretString;
use sqlx::postgres::PgPoolOptions;
use sqlx::{AssertSqlSafe, Executor, PgPool};

use crate::PgError;
use crate::connect::{Purpose, connect_options, inspect_url, quote_ident};

/// The schema's migrations, embedded at compile time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Privileges per table: (table, application role, admin role). Nothing else is granted;
/// in particular never TRUNCATE, REFERENCES or TRIGGER. The application role cannot change
/// or delete audit events (append-only); only the admin role deletes (GDPR erasure).
pub const TABLE_PRIVILEGES: &[(&str, &str, &str)] = &[
    ("workspaces", "SELECT, INSERT, UPDATE", "SELECT, DELETE"),
    (
        "bearer_tokens",
        "SELECT, INSERT, UPDATE, DELETE",
        "SELECT, DELETE",
    ),
    ("token_lookup", "SELECT, INSERT", "SELECT, DELETE"),
    (
        "wrapped_deks",
        "SELECT, INSERT, UPDATE, DELETE",
        "SELECT, DELETE",
    ),
    (
        "credential_records",
        "SELECT, INSERT, UPDATE, DELETE",
        "SELECT, DELETE",
    ),
    (
        "credential_fields",
        "SELECT, INSERT, UPDATE, DELETE",
        "SELECT, DELETE",
    ),
    ("usage_events", "SELECT, INSERT", "SELECT, DELETE"),
    ("unauthenticated_events", "INSERT", "SELECT, DELETE"),
    (
        "usage_outbox",
        "SELECT, INSERT, UPDATE, DELETE",
        "SELECT, DELETE",
    ),
    (
        "idempotency_records",
        "SELECT, INSERT, UPDATE, DELETE",
        "SELECT, DELETE",
    ),
];

/// Runs the embedded migrations as the owner role behind `owner_url`, then grants exactly
/// [`TABLE_PRIVILEGES`] to `app_role` and `admin_role` (revoking anything else they, or
/// `PUBLIC`, held on the schema's tables). Idempotent.
///
/// Refuses to run as a superuser or as the application or admin role: the owner must be a
/// role of its own, so that the roles used at run time own nothing.
pub async fn migrate(
    owner_url: &SecretString,
    app_role: &str,
    admin_role: &str,
) -> Result<(), PgError> {
    let options = connect_options(
        owner_url,
        Purpose {
            // The migrations' bookkeeping table lives in the schema too.
            search_path: Some("shopmcp"),
            ..Purpose::plain("shopmcp-migrate")
        },
    )?;
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(std::time::Duration::from_secs(10))
        .connect_with(options)
        .await?;
    let result = run(&pool, app_role, admin_role).await;
    pool.close().await;
    result
}

async fn run(pool: &PgPool, app_role: &str, admin_role: &str) -> Result<(), PgError> {
    let (user, superuser): (String, bool) = sqlx::query_as(
        "SELECT current_user::text, rolsuper FROM pg_roles WHERE rolname = current_user",
    )
    .fetch_one(pool)
    .await?;
    if superuser {
        return Err(PgError::UnsafeRole(
            "migrations must run as the dedicated owner role, not a superuser".to_owned(),
        ));
    }
    if user == app_role || user == admin_role {
        return Err(PgError::UnsafeRole(
            "the owner role must differ from the application and admin roles".to_owned(),
        ));
    }
    if app_role == admin_role {
        return Err(PgError::UnsafeRole(
            "the application and admin roles must differ".to_owned(),
        ));
    }
    pool.execute("CREATE SCHEMA IF NOT EXISTS shopmcp").await?;
    MIGRATOR
        .run(pool)
        .await
        .map_err(|e| PgError::Schema(format!("migration failed: {e}")))?;
    let sql = grants_sql(app_role, admin_role)?;
    let mut tx = pool.begin().await?;
    tx.execute(AssertSqlSafe(sql)).await?;
    tx.commit().await?;
    Ok(())
}

/// The privilege statements [`migrate`] runs (also useful to review or to run by hand).
pub fn grants_sql(app_role: &str, admin_role: &str) -> Result<String, PgError> {
    let app = quote_ident(app_role)?;
    let admin = quote_ident(admin_role)?;
    let mut sql = format!(
        "REVOKE ALL ON ALL TABLES IN SCHEMA shopmcp FROM PUBLIC, {app}, {admin};\n\
         REVOKE ALL ON SCHEMA shopmcp FROM PUBLIC, {app}, {admin};\n\
         GRANT USAGE ON SCHEMA shopmcp TO {app}, {admin};\n"
    );
    for (table, app_privileges, admin_privileges) in TABLE_PRIVILEGES {
        sql.push_str(&format!(
            "GRANT {app_privileges} ON shopmcp.{table} TO {app};\n\
             GRANT {admin_privileges} ON shopmcp.{table} TO {admin};\n"
        ));
    }
    Ok(sql)
}

/// The role names of the application and admin URLs (for [`migrate`]).
pub(crate) fn role_names(
    app_url: &SecretString,
    admin_url: &SecretString,
) -> Result<(String, String), PgError> {
    Ok((inspect_url(app_url)?.0, inspect_url(admin_url)?.0))
}

/// Which role a pool is expected to log in as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Expect {
    /// NOSUPERUSER, NOBYPASSRLS, owns nothing, no TRUNCATE/REFERENCES/TRIGGER grant.
    App,
    /// NOSUPERUSER, BYPASSRLS (or erasure would silently erase nothing), owns nothing.
    Admin,
}

/// Checks the role behind `pool` before anything is served through it.
pub(crate) async fn verify_role(pool: &PgPool, expect: Expect) -> Result<(), PgError> {
    let row: (bool, bool, bool, i64, bool, bool) = sqlx::query_as(
        "SELECT r.rolsuper, r.rolbypassrls, \
                r.rolinherit AND EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid), \
                (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid) \
                  + (SELECT count(*) FROM pg_namespace n WHERE n.nspowner = r.oid) \
                  + (SELECT count(*) FROM pg_proc p WHERE p.proowner = r.oid), \
                to_regclass('shopmcp.usage_events') IS NOT NULL, \
                EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
                        WHERE n.nspname = 'shopmcp' AND c.relkind = 'r' \
                          AND has_table_privilege(c.oid, 'TRUNCATE, REFERENCES, TRIGGER')) \
         FROM pg_roles r WHERE r.rolname = current_user",
    )
    .fetch_one(pool)
    .await?;
    let (superuser, bypass, inherits, owned, migrated, broad) = row;
    let who = match expect {
        Expect::App => "the application role",
        Expect::Admin => "the admin role",
    };
    let problem = if superuser {
        Some("is a superuser")
    } else if expect == Expect::App && bypass {
        Some("has BYPASSRLS")
    } else if expect == Expect::Admin && !bypass {
        Some("lacks BYPASSRLS (GDPR export and erasure would see no rows)")
    } else if inherits {
        Some("inherits the privileges of other roles (make it NOINHERIT)")
    } else if owned > 0 {
        Some("owns database objects")
    } else if broad {
        Some("holds TRUNCATE, REFERENCES or TRIGGER on a shopmcp table")
    } else {
        None
    };
    if let Some(problem) = problem {
        return Err(PgError::UnsafeRole(format!("{who} {problem}")));
    }
    if !migrated {
        return Err(PgError::Schema(
            "the shopmcp schema is missing: run the migrations (PostgresConfig::migrate_url)"
                .to_owned(),
        ));
    }
    Ok(())
}
