-- Catalog views and metadata functions
CREATE SCHEMA liaison
GO
CREATE TABLE liaison.CaRealise (CT_Num varchar(17) NOT NULL PRIMARY KEY, CA_N decimal(24,6) NULL, Maj datetime NOT NULL)
CREATE TABLE dbo.T1 (id int IDENTITY(1,1) PRIMARY KEY, nom nvarchar(50) NULL)
CREATE INDEX IX_T1_nom ON dbo.T1 (nom)
GO
SELECT s.name AS schema_name, t.name FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id ORDER BY t.name
SELECT c.name, c.column_id, c.max_length, c.precision, c.scale, c.is_nullable, c.is_identity
FROM sys.columns c WHERE c.object_id = OBJECT_ID('liaison.CaRealise') ORDER BY c.column_id
SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE FROM INFORMATION_SCHEMA.TABLES ORDER BY TABLE_NAME
SELECT COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, IS_NULLABLE
FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'T1' ORDER BY ORDINAL_POSITION
SELECT i.name, i.is_unique, i.is_primary_key FROM sys.indexes i WHERE i.object_id = OBJECT_ID('dbo.T1') ORDER BY i.index_id
GO
SELECT CASE WHEN OBJECT_ID('dbo.T1') IS NOT NULL THEN 1 ELSE 0 END AS t1, CASE WHEN OBJECT_ID('nope') IS NULL THEN 1 ELSE 0 END AS nope,
  CASE WHEN OBJECT_ID('TEST.dbo.T1', 'U') = OBJECT_ID('T1') THEN 1 ELSE 0 END AS same
SELECT DB_NAME() AS db, SCHEMA_NAME() AS sch, SCHEMA_NAME(1) AS one, COL_LENGTH('dbo.T1', 'nom') AS len_nom,
  COL_LENGTH('liaison.CaRealise', 'CT_Num') AS len_num, COL_LENGTH('dbo.T1', 'nope') AS none
SELECT CAST(SERVERPROPERTY('ProductVersion') AS varchar(20)) AS v, CAST(SERVERPROPERTY('Collation') AS varchar(30)) AS c,
  CAST(DATABASEPROPERTYEX(DB_NAME(), 'Collation') AS varchar(30)) AS dc,
  CAST(DATABASEPROPERTYEX('TEST', 'UserAccess') AS varchar(30)) AS ua,
  CAST(DATABASEPROPERTYEX('TEST', 'Status') AS varchar(30)) AS st,
  CAST(DATABASEPROPERTYEX('TEST', 'Updateability') AS varchar(30)) AS up
SELECT SUSER_SNAME() AS login, IS_MEMBER('db_owner') AS dbo, IS_ROLEMEMBER('db_owner') AS dbo2,
  HAS_PERMS_BY_NAME('dbo.T1', 'OBJECT', 'INSERT') AS ins
SELECT CASE WHEN @@VERSION LIKE '%SQL Server 2012%' AND @@VERSION LIKE '%Liaison simulator%' THEN 'ok' ELSE @@VERSION END AS version
GO
--! session r reader TEST
SELECT SUSER_SNAME() AS login, IS_MEMBER('db_owner') AS dbo, HAS_PERMS_BY_NAME('dbo.T1', 'OBJECT', 'INSERT') AS ins,
  HAS_PERMS_BY_NAME('dbo.T1', 'OBJECT', 'SELECT') AS sel
INSERT INTO dbo.T1 (nom) VALUES (N'x')
UPDATE liaison.CaRealise SET CA_N = 0
DELETE FROM T1
CREATE TABLE nope (a int)
SELECT COUNT(*) AS n FROM T1
GO
