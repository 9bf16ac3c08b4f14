-- Exact decimals at their scale, SUM/AVG types, money, ROUND, division
CREATE TABLE l (id int NOT NULL, qte decimal(24,6) NOT NULL, pu decimal(24,6) NOT NULL, m money NULL, f float NULL)
INSERT INTO l VALUES (1, 3, 19.99, 10.1, 0.1), (2, 1.5, 0.1, 0.2, 0.2), (3, 7, 0.7, 0.3, 0.3)
GO
SELECT id, qte, pu, m, f FROM l ORDER BY id
SELECT SUM(qte) AS sq, SUM(pu) AS sp, SUM(m) AS sm, AVG(pu) AS ap, MIN(pu) AS mi, MAX(qte) AS mx, COUNT(*) AS n FROM l
SELECT SUM(f) AS sf FROM l
SELECT CAST(SUM(qte * pu) AS decimal(24,2)) AS total, ROUND(19.995, 2) AS r1, ROUND(CAST(2.675 AS decimal(10,3)), 2) AS r2,
  CAST(10 AS decimal(10,2)) / 3 AS q, 10 / 3 AS idiv, 10 % 3 AS md, -CAST(0.001 AS decimal(10,2)) AS negzero
FROM l
SELECT CAST(1234.5678 AS money) AS m1, CAST('12.345' AS decimal(10,2)) AS d1, CAST(0.1 + 0.2 AS decimal(10,2)) AS d2,
  CAST(99999999.995 AS decimal(18,2)) AS big, 1.50 AS lit, 0.125 * 2 AS prod
GO
--! params @p decimal '0.100000'
SELECT COUNT(*) AS n FROM l WHERE pu = @p
GO
SELECT AVG(id) AS avg_int, SUM(id) AS sum_int, AVG(CAST(id AS decimal(10,2))) AS avg_dec FROM l
GO
SELECT CAST(123456.7 AS decimal(5,1))
GO
SELECT CAST('abc' AS decimal(10,2))
GO
SELECT 1 / 0
GO
SELECT id, 10 / (id - 2) AS x FROM l ORDER BY id
SELECT 'after divide by zero' AS still_running
GO
SELECT CAST(CAST(12.5 AS decimal(9,2)) AS nvarchar(12)) AS a, CAST(CAST(3 AS decimal(9,2)) AS varchar(12)) AS b,
 CONVERT(varchar(20), CAST(-0.5 AS money)) AS c, N' (' + CAST(CAST(33.333 AS decimal(9, 2)) AS nvarchar(12)) + N' %)' AS d,
 CAST(1.5 AS varchar(10)) AS e, CAST(2.5e0 AS varchar(10)) AS f
