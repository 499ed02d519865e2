-- Only the service's own role runs the partition-making function (a security definer runs with its owner's rights,
-- so nobody else connected to the database should be able to call it): PostgreSQL grants EXECUTE on every new
-- function to PUBLIC, which this takes back. The role is the service's datasource user, handed to Flyway as the
-- placeholder serviceRole (application.properties); a migration run as a step of its own must set it
-- (FLYWAY_PLACEHOLDERS_SERVICEROLE or quarkus.flyway.placeholders.serviceRole).
revoke execute on function emissions_ensure_partitions(date, date) from public;
grant execute on function emissions_ensure_partitions(date, date) to "${serviceRole}";
