//! Creating (and dropping) the three roles and a database for shopmcp, as a superuser.
//!
//! | role | attributes | used by |
//! |---|---|---|
//! | owner | `LOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT NOCREATEDB NOCREATEROLE`; owns the database and every object | [`migrate`](crate::migrate()) only |
//! | app | `LOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT NOCREATEDB NOCREATEROLE`; owns nothing | every request |
//! | admin | `LOGIN NOSUPERUSER BYPASSRLS NOINHERIT NOCREATEDB NOCREATEROLE`; owns nothing; SELECT and DELETE only | GDPR export/erase, workspace listing |
//!
//! The database is created with the owner role as its owner; `PUBLIC` loses every database
//! privilege (no `CONNECT`, no `TEMPORARY`: the app role cannot even own a temporary table),
//! and only the three roles may connect. [`roles_sql`] and [`database_sql`] print the same
//! statements for a review or a manual setup.

use std::fmt;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use sqlx::postgres::PgPoolOptions;
use sqlx::{AssertSqlSafe, Executor, PgPool};

use crate::PgError;
use crate::connect::{Purpose, connect_options, quote_ident};

/// The names of the three roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleNames {
    /// Owns the database and every object; runs migrations; never used at run time.
    pub owner: String,
    /// The application role.
    pub app: String,
    /// The cross-tenant admin role (GDPR).
    pub admin: String,
}

impl RoleNames {
    /// `{prefix}_owner`, `{prefix}_app`, `{prefix}_admin`.
    pub fn with_prefix(prefix: &str) -> Self {
        Self {
            owner: format!("{prefix}_owner"),
            app: format!("{prefix}_app"),
            admin: format!("{prefix}_admin"),
        }
    }
}

const COMMON: &str = "LOGIN NOSUPERUSER NOINHERIT NOCREATEDB NOCREATEROLE NOREPLICATION";

/// `CREATE ROLE` statements for the three roles (without passwords).
pub fn roles_sql(roles: &RoleNames) -> Result<String, PgError> {
    Ok(format!(
        "CREATE ROLE {} {COMMON} NOBYPASSRLS;\n\
         CREATE ROLE {} {COMMON} NOBYPASSRLS;\n\
         CREATE ROLE {} {COMMON} BYPASSRLS;\n",
        quote_ident(&roles.owner)?,
        quote_ident(&roles.app)?,
        quote_ident(&roles.admin)?,
    ))
}

/// `CREATE DATABASE` and the database privileges.
pub fn database_sql(database: &str, roles: &RoleNames) -> Result<Vec<String>, PgError> {
    let db = quote_ident(database)?;
    let owner = quote_ident(&roles.owner)?;
    let app = quote_ident(&roles.app)?;
    let admin = quote_ident(&roles.admin)?;
    Ok(vec![
        format!("CREATE DATABASE {db} OWNER {owner} TEMPLATE template0 ENCODING 'UTF8'"),
        format!("REVOKE ALL ON DATABASE {db} FROM PUBLIC"),
        format!("GRANT CONNECT ON DATABASE {db} TO {app}, {admin}"),
    ])
}

/// Runs the provisioning statements through a superuser connection.
pub struct Provisioner {
    pool: PgPool,
}

impl fmt::Debug for Provisioner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Provisioner").finish_non_exhaustive()
    }
}

impl Provisioner {
    /// Connects with a superuser URL (one connection).
    pub async fn connect(superuser_url: &SecretString) -> Result<Self, PgError> {
        let options = connect_options(superuser_url, Purpose::plain("shopmcp-provision"))?;
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await?;
        Ok(Self { pool })
    }

    /// Creates the three roles (see [`roles_sql`]).
    pub async fn create_roles(&self, roles: &RoleNames) -> Result<(), PgError> {
        let sql = roles_sql(roles)?;
        let mut tx = self.pool.begin().await?;
        tx.execute(AssertSqlSafe(sql)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a role's password. The literal is quoted by the server (`format('%L')`); keep
    /// statement logging off while provisioning, as for any `ALTER ROLE … PASSWORD`.
    pub async fn set_password(&self, role: &str, password: &SecretString) -> Result<(), PgError> {
        let sql: String = sqlx::query_scalar("SELECT format('ALTER ROLE %I PASSWORD %L', $1, $2)")
            .bind(role)
            .bind(password.expose_secret())
            .fetch_one(&self.pool)
            .await?;
        self.pool.execute(AssertSqlSafe(sql)).await?;
        Ok(())
    }

    /// Creates `database` owned by the owner role (see [`database_sql`]).
    pub async fn create_database(&self, database: &str, roles: &RoleNames) -> Result<(), PgError> {
        for statement in database_sql(database, roles)? {
            self.pool.execute(AssertSqlSafe(statement)).await?;
        }
        Ok(())
    }

    /// Drops `database`, disconnecting its sessions (`WITH (FORCE)`).
    pub async fn drop_database(&self, database: &str) -> Result<(), PgError> {
        let sql = format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            quote_ident(database)?
        );
        self.pool.execute(AssertSqlSafe(sql)).await?;
        Ok(())
    }

    /// Drops the three roles (after their database was dropped).
    pub async fn drop_roles(&self, roles: &RoleNames) -> Result<(), PgError> {
        for role in [&roles.app, &roles.admin, &roles.owner] {
            let sql = format!("DROP ROLE IF EXISTS {}", quote_ident(role)?);
            self.pool.execute(AssertSqlSafe(sql)).await?;
        }
        Ok(())
    }

    /// Closes the connection.
    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// A uniquely named database with three uniquely named roles, for tests and benchmarks:
/// created through a superuser URL, dropped again by [`destroy`](Self::destroy).
pub struct ScratchDatabase {
    superuser: SecretString,
    name: String,
    roles: RoleNames,
}

impl fmt::Debug for ScratchDatabase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScratchDatabase")
            .field("name", &self.name)
            .field("roles", &self.roles)
            .finish_non_exhaustive()
    }
}

impl ScratchDatabase {
    /// Creates `{prefix}_{12 random hex}` and its roles `…_owner`, `…_app`, `…_admin` (no
    /// passwords: meant for servers that trust local connections, like a test server).
    pub async fn create(superuser_url: &SecretString, prefix: &str) -> Result<Self, PgError> {
        let provisioner = Provisioner::connect(superuser_url).await?;
        let suffix = uuid::Uuid::new_v4().simple().to_string();
        let name = format!("{prefix}_{}", suffix.get(..12).unwrap_or(&suffix));
        let scratch = Self {
            superuser: superuser_url.clone(),
            roles: RoleNames::with_prefix(&name),
            name,
        };
        let created = async {
            provisioner.create_roles(&scratch.roles).await?;
            provisioner
                .create_database(&scratch.name, &scratch.roles)
                .await
        }
        .await;
        if let Err(e) = created {
            // Best effort: leave nothing half-made behind.
            let _ = provisioner.drop_database(&scratch.name).await;
            let _ = provisioner.drop_roles(&scratch.roles).await;
            provisioner.close().await;
            return Err(e);
        }
        provisioner.close().await;
        Ok(scratch)
    }

    /// The database name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The three roles.
    pub fn roles(&self) -> &RoleNames {
        &self.roles
    }

    /// The superuser URL with `role` as user (no password) and this database.
    pub fn url(&self, role: &str) -> Result<SecretString, PgError> {
        let invalid = || PgError::Config("the superuser URL cannot be adapted".to_owned());
        let mut url = url::Url::parse(self.superuser.expose_secret()).map_err(|_| invalid())?;
        url.set_username(role).map_err(|()| invalid())?;
        url.set_password(None).map_err(|()| invalid())?;
        url.set_path(&self.name);
        Ok(SecretString::from(url.to_string()))
    }

    /// A configuration with the application, admin and owner (migration) URLs.
    pub fn config(&self) -> Result<crate::PostgresConfig, PgError> {
        Ok(
            crate::PostgresConfig::new(self.url(&self.roles.app)?, self.url(&self.roles.admin)?)
                .migrate_url(self.url(&self.roles.owner)?),
        )
    }

    /// Drops the database (disconnecting its sessions) and the roles.
    pub async fn destroy(self) -> Result<(), PgError> {
        let provisioner = Provisioner::connect(&self.superuser).await?;
        let result = async {
            provisioner.drop_database(&self.name).await?;
            provisioner.drop_roles(&self.roles).await
        }
        .await;
        provisioner.close().await;
        result
    }
}
