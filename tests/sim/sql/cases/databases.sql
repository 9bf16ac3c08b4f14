-- Logins, several databases, USE, three-part names, CREATE DATABASE
--! login owner secret TEST
--! login owner wrong TEST
--! login nobody secret
--! login reader secret NOPE
--! login reader secret other
CREATE TABLE here (x int)
INSERT INTO here VALUES (1)
SELECT DB_NAME() AS db
GO
USE OTHER
SELECT DB_NAME() AS db
CREATE TABLE there (y varchar(5))
INSERT INTO there VALUES ('o')
GO
SELECT x FROM here
GO
SELECT x FROM TEST.dbo.here
SELECT t.y, h.x FROM OTHER.dbo.there t CROSS JOIN TEST..here h
GO
USE test
SELECT DB_NAME() AS db, (SELECT COUNT(*) FROM OTHER.dbo.there) AS other_rows
GO
USE NOPE
SELECT 'not reached'
GO
CREATE DATABASE LIAISON_CRM
GO
CREATE DATABASE liaison_crm
GO
USE LIAISON_CRM
SELECT COUNT(*) AS tables FROM sys.tables
GO
--! createdb TEST
