-- Decimals up to 38 digits stay exact: storage, ORDER BY, comparison, arithmetic, SUM/AVG/MIN/MAX, CAST
CREATE TABLE d (id int NOT NULL, v decimal(24,6) NULL, n numeric(38,10) NULL, m money NULL)
INSERT INTO d VALUES (1, -12345678901234.5678, 1234567890123456789012345678.0123456789, 922337203685477.5807),
 (2, 12.5, 0.1, 0.01), (3, 100, 2, 3), (4, -12345678901234.5677, 1234567890123456789012345678.0123456788, NULL)
GO
SELECT id, v, n, m FROM d ORDER BY v
SELECT id FROM d WHERE v < -12345678901234.56775 ORDER BY id
SELECT id FROM d WHERE n = 1234567890123456789012345678.0123456788
SELECT SUM(v) AS s, SUM(n) AS sn, AVG(v) AS a, MIN(v) AS mi, MAX(n) AS mx, SUM(m) AS sm FROM d
SELECT v * 2 AS dbl, v - 0.0001 AS minus, -v AS neg, ABS(v) AS ab, n + n AS nn FROM d WHERE id = 1
SELECT CAST(v AS varchar(30)) AS cv, CAST(n AS nvarchar(50)) AS cn, CAST('-12345678901234.567891' AS decimal(24,6)) AS fromtext,
 CAST(v AS float) AS fl, CAST(CAST(v AS decimal(38,2)) AS varchar(40)) AS rounded FROM d WHERE id = 1
GO
-- a sum of cents over many rows stays exact
CREATE TABLE l (x money NOT NULL, y decimal(24,6) NOT NULL)
SET NOCOUNT ON
DECLARE @i int = 0
WHILE @i < 1000
BEGIN
  INSERT INTO l VALUES (0.01, 0.1)
  SET @i += 1
END
SET NOCOUNT OFF
SELECT SUM(x) AS sx, SUM(y) AS sy, SUM(x) - 10 AS zero FROM l
GO
-- overflow of the declared precision: 8115 where the conversion happens
INSERT INTO d (id, v) VALUES (9, 1234567890123456789.5)
GO
SELECT CAST(12345678901234567890123456789012345678 AS decimal(38,2))
GO
UPDATE d SET v = v * 100000000 WHERE id = 1
GO
SELECT COUNT(*) AS n FROM d WHERE id = 9
GO
-- expressions compared without a column: exact numbers
DECLARE @a decimal(38,10) = 1234567890123456789012345678.0123456789
DECLARE @b decimal(38,10) = 1234567890123456789012345678.0123456788
SELECT CASE WHEN @a > @b THEN 1 ELSE 0 END AS gt, CASE WHEN @a = @b THEN 1 ELSE 0 END AS eq,
 CASE WHEN CAST(5 AS decimal(10,2)) > 4.99 THEN 1 ELSE 0 END AS lit, NULLIF(CAST(0 AS decimal(9,2)), 0) AS nz
GO
-- decimal columns added together add up (their values are texts inside SQLite)
SELECT id, v + v AS vv, n + 1 AS n1 FROM d WHERE v + v < 0 ORDER BY id
GO
-- CAST of a bare decimal column to a string prints the declared scale (select list)
SELECT CAST(v AS varchar(30)) AS a, N'x' + CAST(d.v AS nvarchar(30)) AS b FROM d WHERE id = 2
