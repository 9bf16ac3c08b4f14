-- INSERT ... SELECT, UPDATE with FROM/JOIN, DELETE with a join, @@ROWCOUNT, SCOPE_IDENTITY, TRUNCATE, #temp
CREATE TABLE tiers (id int IDENTITY(10,1) NOT NULL PRIMARY KEY, num varchar(17) NOT NULL, ca decimal(24,6) NULL)
CREATE TABLE liaison_ca (num varchar(17) NOT NULL, ca decimal(24,6) NOT NULL)
INSERT INTO tiers (num) VALUES ('A')
SELECT SCOPE_IDENTITY() AS si, @@IDENTITY AS ii, @@ROWCOUNT AS rc
INSERT INTO tiers (num) VALUES ('B'), ('C')
SELECT @@ROWCOUNT AS rc, SCOPE_IDENTITY() AS si
INSERT liaison_ca VALUES ('A', 10.5), ('B', 20.25), ('Z', 1)
GO
UPDATE t SET t.ca = l.ca FROM tiers t INNER JOIN liaison_ca l ON l.num = t.num WHERE l.ca > 1
SELECT @@ROWCOUNT AS updated
UPDATE tiers SET ca = ca + 1 WHERE num = 'A'
UPDATE tiers SET ca = l.ca * 2 FROM liaison_ca l WHERE l.num = tiers.num AND l.num = 'B'
SELECT id, num, ca FROM tiers ORDER BY id
GO
INSERT INTO tiers (num, ca) SELECT l.num, l.ca FROM liaison_ca l WHERE NOT EXISTS (SELECT 1 FROM tiers t WHERE t.num = l.num)
SELECT @@ROWCOUNT AS inserted, SCOPE_IDENTITY() AS last_id
DELETE t FROM tiers t JOIN liaison_ca l ON l.num = t.num WHERE l.ca < 5
SELECT @@ROWCOUNT AS deleted
DELETE FROM liaison_ca WHERE num = 'nobody'
DELETE liaison_ca WHERE num = 'A'
SELECT num FROM liaison_ca ORDER BY num
GO
CREATE TABLE #tmp (k int, v varchar(10))
INSERT INTO #tmp VALUES (1, 'un'), (2, 'deux')
SELECT k, v FROM #tmp ORDER BY k
SELECT num, ca INTO #copy FROM tiers
SELECT COUNT(*) AS n FROM #copy
GO
SELECT COUNT(*) AS still_there FROM #tmp
DROP TABLE #tmp
GO
TRUNCATE TABLE tiers
INSERT INTO tiers (num) VALUES ('new')
SELECT id, num FROM tiers
GO
CREATE SCHEMA lia
GO
CREATE TABLE lia.A (k int NOT NULL, x int NULL)
CREATE TABLE lia.B (k int NOT NULL, x int NULL)
INSERT INTO lia.A VALUES (1, 0), (2, 0)
INSERT INTO lia.B VALUES (1, 10)
UPDATE a SET a.x = b.x FROM lia.A AS a INNER JOIN lia.B AS b ON b.k = a.k
UPDATE a SET x = -1 FROM lia.A a, lia.B b WHERE b.k <> a.k
DELETE a FROM lia.A a JOIN lia.B b ON b.k = a.k WHERE a.x = 99
SELECT k, x FROM lia.A ORDER BY k
GO
