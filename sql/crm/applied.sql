-- Migrations already applied, with the checksum recorded when they were.
SELECT
    sv.Version,
    sv.Name,
    sv.Checksum,
    sv.AppliedAt
FROM liaison.SchemaVersion AS sv
ORDER BY sv.Version;
