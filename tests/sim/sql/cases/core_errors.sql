-- Errors 102, 156, 207, 208 and what they abort
CREATE TABLE t (a int NOT NULL, b varchar(5) NULL)
INSERT INTO t VALUES (1, 'x')
GO
SELECT a FROM t LIMIT 5
GO
SELECT a FROM t
SELECT * FROM nope
SELECT 'never reached'
GO
SELECT nocol FROM t
SELECT 'never reached'
GO
SELECT "a" FROM t
SELECT 'a' || 'b'
GO
SELECT a FROM t WHERE a == 1
GO
SELECT FROM t
GO
SELECT a FROM t WHERE
GO
SELECT 'unclosed
GO
INSERT INTO t VALUES (NULL, 'y')
INSERT INTO t VALUES (2, 'toolong')
SELECT COUNT(*) AS n FROM t
GO
SELECT a FROM dbo.nope2 x JOIN t ON 1 = 1
GO
