-- CREATE/ALTER/DROP TABLE, VIEW, INDEX, SCHEMA; 2714, 3701; defaults and computed columns
CREATE TABLE a (id int NOT NULL PRIMARY KEY, nom varchar(20) NOT NULL DEFAULT '', n int NULL DEFAULT ((0)),
  cree datetime NOT NULL DEFAULT GETDATE(), double_n AS (n * 2))
INSERT INTO a (id) VALUES (1)
SELECT id, '[' + nom + ']' AS nom, n, double_n, CASE WHEN cree > '2020-01-01' THEN 'ok' END AS cree FROM a
GO
CREATE TABLE a (x int)
GO
CREATE VIEW v_a AS SELECT id, nom FROM a WHERE id > 0
GO
SELECT id, nom FROM v_a
SELECT name FROM sys.views
GO
ALTER VIEW v_a AS SELECT id FROM a
GO
SELECT * FROM v_a
GO
SELECT 1 AS x
CREATE VIEW v_b AS SELECT 1 AS one
GO
ALTER TABLE a ADD extra varchar(5) NULL, flag bit NOT NULL DEFAULT 0
INSERT INTO a (id, extra) VALUES (2, 'abc')
SELECT id, extra, flag FROM a ORDER BY id
ALTER TABLE a DROP COLUMN extra
SELECT COUNT(*) AS cols FROM sys.columns WHERE object_id = OBJECT_ID('a')
GO
CREATE UNIQUE NONCLUSTERED INDEX UX_a_nom ON dbo.a (nom ASC) WITH (FILLFACTOR = 90) ON [PRIMARY]
UPDATE a SET nom = 'n' + CAST(id AS varchar(5))
CREATE UNIQUE NONCLUSTERED INDEX UX_a_nom ON dbo.a (nom ASC) WITH (FILLFACTOR = 90) ON [PRIMARY]
INSERT INTO a (id, nom) VALUES (3, 'Zoé'), (4, 'zoé')
INSERT INTO a (id, nom) VALUES (4, 'Zoe')
SELECT nom FROM a ORDER BY nom
DROP INDEX UX_a_nom ON dbo.a
INSERT INTO a (id, nom) VALUES (5, 'ZOÉ')
CREATE INDEX IX_a_n ON a (n)
DROP INDEX a.IX_a_n
SELECT COUNT(*) AS n FROM a
GO
DROP TABLE nope
DROP VIEW nope_v
DROP INDEX nope_i ON a
SELECT 'batch goes on' AS r
SELECT name FROM sqlite_master
GO
SELECT * FROM __sim_schemas
GO
CREATE SCHEMA crm AUTHORIZATION dbo
GO
CREATE TABLE crm.Compte (id int NOT NULL, nom nvarchar(100) NULL)
INSERT INTO crm.Compte VALUES (1, N'Société Générale des Bijoux')
SELECT crm.Compte.nom, c.id FROM crm.Compte JOIN crm.Compte c ON c.id = Compte.id
SELECT SCHEMA_NAME(schema_id) AS s, name FROM sys.tables WHERE name = 'Compte'
DROP TABLE crm.Compte
DROP VIEW v_a
DROP TABLE a
SELECT COUNT(*) AS n FROM sys.objects
GO
