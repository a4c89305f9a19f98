import { sql, type Kysely } from 'kysely';

/*
 * The role the DataStore's SQL endpoint runs queries as: it may read the tables of the schema `datastore`
 * (one per resource) and nothing else beyond what PostgreSQL grants every role. Roles belong to the whole
 * server, not to one database, so this runs for every database of a server (and of a test run) and finds
 * the role already there. A database user who may not create or grant roles still migrates: the endpoint
 * then stays off until an operator creates `datastore_reader` and grants it to that user.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    do $$
    begin
      if not exists (select 1 from pg_roles where rolname = 'datastore_reader') then
        begin
          create role datastore_reader nologin;
        exception
          -- Another database's migration made it at the same moment.
          when duplicate_object or unique_violation then null;
          when insufficient_privilege then
            raise notice 'datastore_reader not created (%): the SQL endpoint stays off', sqlerrm;
            return;
        end;
      end if;
      -- SET ROLE needs membership; a superuser has it without.
      if not pg_has_role(current_user, 'datastore_reader', 'MEMBER') then
        begin
          execute format('grant datastore_reader to %I', current_user);
        exception when insufficient_privilege then
          raise notice 'datastore_reader not granted to % (%): the SQL endpoint stays off', current_user, sqlerrm;
        end;
      end if;
      grant usage on schema datastore to datastore_reader;
      grant select on all tables in schema datastore to datastore_reader;
      -- Tables the DataStore creates later as this user; the loader also calls grantReader for others.
      alter default privileges in schema datastore grant select on tables to datastore_reader;
      -- Only direct grants can be taken back: what PUBLIC holds stays, and the endpoint's checks cover it.
      revoke all on schema public from datastore_reader;
      revoke all on all tables in schema public from datastore_reader;
      revoke create on schema datastore from datastore_reader;
    end
    $$`.execute(db);
}

/** The role stays: other databases of the server may still grant it rights. */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    do $$
    begin
      if exists (select 1 from pg_roles where rolname = 'datastore_reader') then
        alter default privileges in schema datastore revoke select on tables from datastore_reader;
        revoke all on all tables in schema datastore from datastore_reader;
        revoke usage on schema datastore from datastore_reader;
      end if;
    end
    $$`.execute(db);
}
