-- Read test on the GesCom tables, for servers that lack HAS_PERMS_BY_NAME:
-- each statement reads no row but needs SELECT permission (error 229
-- otherwise, naming the table).
SELECT TOP (0) 1 AS probe FROM dbo.F_COMPTET;
SELECT TOP (0) 1 AS probe FROM dbo.F_DOCENTETE;
SELECT TOP (0) 1 AS probe FROM dbo.F_DOCLIGNE;
SELECT TOP (0) 1 AS probe FROM dbo.P_DOSSIER;
SELECT TOP (0) 1 AS probe FROM dbo.cbSysLibre;
