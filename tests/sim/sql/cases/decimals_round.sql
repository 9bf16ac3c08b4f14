-- Values stored into decimal columns are rounded half away from zero to the
-- column's scale (INSERT VALUES, INSERT SELECT, UPDATE SET, += , parameters),
-- then 8115 when they overflow the precision after rounding
CREATE TABLE r (id int IDENTITY(1,1) PRIMARY KEY, a decimal(24,6) NULL, b decimal(5,2) NULL,
  m money NULL, n varchar(20) NULL, c numeric(38,10) NULL)
GO
INSERT INTO r (a, b, m, n) VALUES (12.3456789, 1.005, 2.00005, 'x'), (-12.3456785, -1.005, -2.00005, 'y')
INSERT INTO r (b) VALUES (999.994)
INSERT INTO r (b) VALUES (999.995)
INSERT INTO r (c) VALUES (1234567890123456789012345678.01234567895)
INSERT INTO r VALUES (0.0000005, 0.004, 0.00005, 'sans liste', -0.00000000005)
GO
-- what is stored is the rounded value: comparisons, sums and texts see it
SELECT id, a, b, m, c, CAST(a AS varchar(40)) AS ta FROM r ORDER BY id
SELECT COUNT(*) AS egaux FROM r WHERE a = 12.345679 OR a = -12.345679
SELECT SUM(a) AS somme, SUM(b) AS sb FROM r
GO
-- INSERT ... SELECT and UPDATE round too
INSERT INTO r (a, b, n) SELECT a / 7, 2.345, 'sel' FROM r WHERE id = 1
UPDATE r SET b = 3.14159, a = a * 1.5 WHERE n = 'sel'
UPDATE r SET b += 0.001 WHERE n = 'sel'
SELECT n, a, b FROM r WHERE n = 'sel'
GO
-- UPDATE overflowing after rounding: 8115, the row keeps its value
UPDATE r SET b = 999.996 WHERE n = 'sel'
SELECT b FROM r WHERE n = 'sel'
GO
-- parameters into a decimal column
--! params @v decimal(38,10) '7.1234565000' @w float 0.125
INSERT INTO r (a, b, n) VALUES (@v, @w, 'param')
GO
SELECT a, b FROM r WHERE n = 'param'
GO
-- a temp table, a column list in another order
CREATE TABLE #t (x decimal(10,3), y int)
INSERT INTO #t (y, x) VALUES (1, 2.0005), (2, -2.0005)
SELECT x, y FROM #t ORDER BY y
GO
-- ROUND, FLOOR, CEILING on decimals: exact, also beyond 15 digits
SELECT ROUND(2.675, 2) AS r1, ROUND(-2.675, 2) AS r2, ROUND(2.675, 2, 1) AS r3, ROUND(1234.5678, -2) AS r4,
  ROUND(CAST(12345678901234567.125 AS decimal(38,3)), 2) AS r5, ROUND(CAST(0.5 AS decimal(3,1)), 0) AS r6
SELECT FLOOR(-2.5) AS f1, FLOOR(CAST(12345678901234567.9 AS decimal(38,1))) AS f2,
  CEILING(2.001) AS c1, CEILING(CAST(-12345678901234567.9 AS decimal(38,1))) AS c2, CEILING(-0.5) AS c3
SELECT ROUND(a, 2) AS ra, FLOOR(a) AS fa, CEILING(a) AS ca FROM r WHERE id = 1
SELECT ROUND(1.005, 2) AS x1, ROUND(CAST(1.005 AS float), 2) AS x2
GO
-- variables and CAST round the same way; 8115 after rounding
DECLARE @d decimal(5,2) = 1.005, @e decimal(5,2) = -2.675
SELECT @d AS d, @e AS e, CAST(1.005 AS decimal(5,2)) AS c1, CAST(-0.125 AS decimal(5,2)) AS c2
GO
SELECT CAST(999.995 AS decimal(5,2)) AS trop
GO
DECLARE @d decimal(5,2) = 999.995
SELECT @d AS trop
GO
-- stored values keep the column's scale: a string conversion prints it in
-- every context (select list, WHERE, UPDATE SET), defaults too
CREATE TABLE s (id int PRIMARY KEY, v decimal(24,6) NULL, d decimal(10,2) NOT NULL DEFAULT ((0)), t varchar(40) NULL)
INSERT INTO s (id, v) VALUES (1, 12.5), (2, 3), (3, -0.25)
GO
SELECT id, CAST(v AS varchar(30)) AS sel, CONVERT(varchar(30), d) AS dflt FROM s ORDER BY id
SELECT id FROM s WHERE CAST(v AS varchar(30)) = '12.500000'
SELECT id FROM s WHERE CONVERT(varchar(30), v) LIKE '%.000000'
UPDATE s SET t = 'v=' + CAST(v AS varchar(30)) + ' d=' + CONVERT(varchar(20), d)
SELECT id, t FROM s ORDER BY id
GO
