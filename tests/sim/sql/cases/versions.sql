-- Not T-SQL, or T-SQL newer than SQL Server 2012: rejected with SQL Server's numbers
CREATE TABLE t (a int, s varchar(10))
INSERT INTO t VALUES (1, ' x ')
GO
CREATE OR ALTER VIEW v AS SELECT a FROM t
GO
DROP TABLE IF EXISTS t
GO
SELECT STRING_AGG(s, ',') FROM t
GO
SELECT TRIM(s) FROM t
GO
SELECT GREATEST(1, 2)
GO
SELECT LEAST(1, 2)
GO
SELECT CONCAT_WS(',', 'a', 'b')
GO
SELECT * FROM STRING_SPLIT('a,b', ',')
GO
SELECT ifnull(a, 0) FROM t
GO
SELECT substr(s, 1, 1) FROM t
GO
SELECT strftime('%Y', 'now')
GO
SELECT printf('%d', a) FROM t
GO
SELECT group_concat(s) FROM t
GO
SELECT length(s) FROM t
GO
SELECT a FROM t LIMIT 1
GO
SELECT a FROM t WHERE a = 1 LIMIT 1 OFFSET 0
GO
SELECT 'a' || 'b'
GO
SELECT a FROM t WHERE a == 1
GO
SELECT * FROM t WHERE s = "x"
GO
SELECT `a` FROM t
GO
MERGE t AS d USING t AS s ON d.a = s.a WHEN MATCHED THEN UPDATE SET d.s = s.s;
GO
SELECT a FROM t
