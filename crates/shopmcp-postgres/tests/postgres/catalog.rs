//! The catalog proves the isolation rules hold for every table, not just the ones a test
//! happens to query.

use shopmcp_postgres::TABLE_PRIVILEGES;
use shopmcp_postgres::sqlx::{self, PgPool};

use crate::common::TestDb;

const TENANT_EXPR: &str =
    "(workspace_id = (NULLIF(current_setting('app.workspace_id'::text, true), ''::text))::uuid)";
const TOKEN_EXPR: &str =
    "(token_id = NULLIF(current_setting('app.token_id'::text, true), ''::text))";

/// (name, command, permissive, roles, USING, WITH CHECK) of a policy.
type Policy = (
    String,
    String,
    bool,
    Vec<i64>,
    Option<String>,
    Option<String>,
);

async fn tables_with_workspace_id(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'workspace_id' AND NOT a.attisdropped \
         WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
         ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn every_table_with_workspace_id_is_forced_with_one_symmetric_policy() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let backend = db.backend().await;
    let su = db.superuser_pool().await;

    let tables = tables_with_workspace_id(&su).await;
    assert_eq!(
        tables,
        [
            "bearer_tokens",
            "credential_fields",
            "credential_records",
            "idempotency_records",
            "token_lookup",
            "usage_events",
            "usage_outbox",
            "workspaces",
            "wrapped_deks",
        ]
    );
    // Every other table of the schema has no tenant data at all.
    let others: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'shopmcp' AND c.relkind IN ('r', 'p') AND NOT EXISTS ( \
           SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'workspace_id') \
         ORDER BY 1",
    )
    .fetch_all(&su)
    .await
    .unwrap();
    assert_eq!(others, ["_sqlx_migrations", "unauthenticated_events"]);

    for table in &tables {
        let (enabled, forced): (bool, bool) = sqlx::query_as(
            "SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = ('shopmcp.' || $1)::regclass",
        )
        .bind(table)
        .fetch_one(&su)
        .await
        .unwrap();
        assert!(
            enabled && forced,
            "{table}: RLS enabled {enabled}, forced {forced}"
        );

        let policies: Vec<Policy> =
            sqlx::query_as(
                "SELECT polname::text, polcmd::text, polpermissive, \
                        polroles::int8[], pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid) \
                 FROM pg_policy WHERE polrelid = ('shopmcp.' || $1)::regclass",
            )
            .bind(table)
            .fetch_all(&su)
            .await
            .unwrap();
        assert_eq!(policies.len(), 1, "{table}: exactly one policy");
        let (name, cmd, permissive, roles, using, check) = &policies[0];
        assert_eq!(cmd, "*", "{table}/{name}: the policy covers every command");
        assert!(
            *permissive && roles == &[0],
            "{table}/{name}: permissive, for PUBLIC"
        );
        assert!(
            using.is_some() && using == check,
            "{table}: USING {using:?} != WITH CHECK {check:?}"
        );
        let expected = if table == "token_lookup" {
            TOKEN_EXPR
        } else {
            TENANT_EXPR
        };
        assert_eq!(using.as_deref(), Some(expected), "{table}");
    }
    drop(backend);
}

#[tokio::test]
async fn keys_and_indexes_include_workspace_id() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let _backend = db.backend().await;
    let su = db.superuser_pool().await;
    let tables = tables_with_workspace_id(&su).await;
    for table in &tables {
        // (index name, unique, columns in order)
        let indexes: Vec<(String, bool, Vec<String>)> = sqlx::query_as(
            "SELECT ic.relname::text, i.indisunique, \
                    array(SELECT a.attname::text FROM unnest(i.indkey) WITH ORDINALITY k(attnum, ord) \
                          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) \
             FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid \
             WHERE i.indrelid = ('shopmcp.' || $1)::regclass",
        )
        .bind(table)
        .fetch_all(&su)
        .await
        .unwrap();
        assert!(!indexes.is_empty(), "{table} has a primary key");
        for (index, unique, columns) in &indexes {
            if *unique {
                assert!(
                    columns.iter().any(|c| c == "workspace_id"),
                    "{table}.{index}: {columns:?}"
                );
            }
            // The token directory is keyed by token id by design; every tenant table's
            // indexes lead with the workspace.
            if table != "token_lookup" {
                assert_eq!(
                    columns.first().map(String::as_str),
                    Some("workspace_id"),
                    "{table}.{index}"
                );
            }
        }
        let foreign_keys: Vec<(String, Vec<String>, Vec<String>)> = sqlx::query_as(
            "SELECT c.conname::text, \
                    array(SELECT a.attname::text FROM unnest(c.conkey) k(n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n), \
                    array(SELECT a.attname::text FROM unnest(c.confkey) k(n) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) \
             FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ('shopmcp.' || $1)::regclass",
        )
        .bind(table)
        .fetch_all(&su)
        .await
        .unwrap();
        for (fk, local, referenced) in &foreign_keys {
            assert!(
                local.iter().any(|c| c == "workspace_id"),
                "{table}.{fk}: {local:?}"
            );
            assert!(
                referenced.iter().any(|c| c == "workspace_id"),
                "{table}.{fk}: {referenced:?}"
            );
        }
    }
    // Views (none today) must be security_invoker, and no SECURITY DEFINER function exists.
    let definer: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         WHERE p.prosecdef AND n.nspname NOT IN ('pg_catalog', 'information_schema')",
    )
    .fetch_one(&su)
    .await
    .unwrap();
    assert_eq!(definer, 0);
    let unsafe_views: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind = 'v' AND n.nspname = 'shopmcp' \
           AND NOT coalesce('security_invoker=true' = ANY(c.reloptions), false)",
    )
    .fetch_one(&su)
    .await
    .unwrap();
    assert_eq!(unsafe_views, 0);
}

#[tokio::test]
async fn roles_have_exactly_their_privileges_and_own_nothing() {
    let Some(db) = TestDb::create().await else {
        return;
    };
    let _backend = db.backend().await;
    let su = db.superuser_pool().await;
    let (app, admin, owner) = (&db.roles.app, &db.roles.admin, &db.roles.owner);

    for (role, bypass) in [(app, false), (admin, true), (owner, false)] {
        let (superuser, bypassrls, inherit, createrole, createdb): (bool, bool, bool, bool, bool) =
            sqlx::query_as(
                "SELECT rolsuper, rolbypassrls, rolinherit, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1",
            )
            .bind(role)
            .fetch_one(&su)
            .await
            .unwrap();
        assert!(!superuser && !inherit && !createrole && !createdb, "{role}");
        assert_eq!(bypassrls, bypass, "{role}");
    }

    for role in [app, admin] {
        let owned: i64 = sqlx::query_scalar(
            "SELECT (SELECT count(*) FROM pg_class WHERE relowner = r.oid) \
                  + (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) \
                  + (SELECT count(*) FROM pg_proc WHERE proowner = r.oid) \
                  + (SELECT count(*) FROM pg_type WHERE typowner = r.oid) \
                  + (SELECT count(*) FROM pg_database WHERE datdba = r.oid) \
             FROM pg_roles r WHERE r.rolname = $1",
        )
        .bind(role)
        .fetch_one(&su)
        .await
        .unwrap();
        assert_eq!(owned, 0, "{role} owns nothing");
        let (create_schema, create_public, temp): (bool, bool, bool) = sqlx::query_as(
            "SELECT has_schema_privilege($1, 'shopmcp', 'CREATE'), \
                    has_schema_privilege($1, 'public', 'CREATE'), \
                    has_database_privilege($1, current_database(), 'TEMPORARY')",
        )
        .bind(role)
        .fetch_one(&su)
        .await
        .unwrap();
        assert!(
            !create_schema && !create_public && !temp,
            "{role} creates nothing"
        );
    }
    let not_owned: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname = 'shopmcp' AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = $1)",
    )
    .bind(owner)
    .fetch_one(&su)
    .await
    .unwrap();
    assert_eq!(
        not_owned, 0,
        "the owner role owns every object of the schema"
    );

    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE n.nspname IN ('shopmcp', 'public') AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY 1",
    )
    .fetch_all(&su)
    .await
    .unwrap();
    for table in &tables {
        let granted = TABLE_PRIVILEGES.iter().find(|(t, _, _)| t == table);
        for (role, column) in [(app, 1), (admin, 2)] {
            for privilege in [
                "SELECT",
                "INSERT",
                "UPDATE",
                "DELETE",
                "TRUNCATE",
                "REFERENCES",
                "TRIGGER",
            ] {
                let has: bool = sqlx::query_scalar(
                    "SELECT has_table_privilege($1, c.oid, $2) FROM pg_class c \
                     JOIN pg_namespace n ON n.oid = c.relnamespace \
                     WHERE c.relname = $3 AND n.nspname IN ('shopmcp', 'public')",
                )
                .bind(role)
                .bind(privilege)
                .bind(table)
                .fetch_one(&su)
                .await
                .unwrap();
                let expected = granted.is_some_and(|g| {
                    let list = if column == 1 { g.1 } else { g.2 };
                    list.split(", ").any(|p| p == privilege)
                });
                assert_eq!(has, expected, "{role} {privilege} on {table}");
            }
        }
    }
}
