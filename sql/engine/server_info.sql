-- Server and database identity, read by `liaison check`.
SELECT
    CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
    CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
    @@VERSION AS version_text,
    DB_NAME() AS database_name,
    CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS nvarchar(128)) AS collation_name,
    SUSER_SNAME() AS login_name;
