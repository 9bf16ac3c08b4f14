-- CTE, window functions, TOP, OFFSET/FETCH, CASE, UNION, subqueries, DISTINCT, derived tables
CREATE TABLE v (client varchar(10) NOT NULL, annee int NOT NULL, ca decimal(24,6) NOT NULL)
INSERT INTO v VALUES ('A', 2023, 100), ('A', 2024, 150), ('B', 2023, 80), ('B', 2024, 20), ('C', 2024, 300), ('C', 2023, 0)
GO
WITH ca AS (SELECT client, SUM(CASE WHEN annee = 2024 THEN ca ELSE 0 END) AS n, SUM(CASE WHEN annee = 2023 THEN ca ELSE 0 END) AS n1
  FROM v GROUP BY client)
SELECT client, n, n1, CASE WHEN n1 = 0 THEN NULL ELSE (n - n1) * 100 / n1 END AS evol FROM ca ORDER BY client
SELECT client, annee, ca, ROW_NUMBER() OVER (PARTITION BY client ORDER BY annee DESC) AS rn,
  SUM(ca) OVER (PARTITION BY client) AS tot, RANK() OVER (ORDER BY ca DESC) AS rk
FROM v ORDER BY client, annee
SELECT TOP 2 client, ca FROM v ORDER BY ca DESC
SELECT TOP (1) WITH TIES client FROM v ORDER BY client
DECLARE @k int = 3
SELECT TOP (@k) client, annee FROM v ORDER BY client, annee
SELECT client, annee FROM v ORDER BY client, annee OFFSET 2 ROWS FETCH NEXT 2 ROWS ONLY
GO
SELECT DISTINCT client FROM v WHERE ca > 50 ORDER BY client
SELECT client FROM v WHERE annee = 2023 UNION SELECT client FROM v WHERE annee = 2024 ORDER BY client
SELECT client FROM v WHERE annee = 2023 UNION ALL SELECT 'Z' ORDER BY 1
SELECT x.client, x.total FROM (SELECT client, SUM(ca) AS total FROM v GROUP BY client) x WHERE x.total > 100 ORDER BY x.total DESC
SELECT client, (SELECT MAX(ca) FROM v v2 WHERE v2.client = v.client) AS best FROM v WHERE annee = 2024 ORDER BY client
SELECT COUNT(*) AS n FROM v WHERE client IN (SELECT client FROM v WHERE ca >= 150)
SELECT client, IIF(ca > 100, 'gros', 'petit') AS taille, COALESCE(NULL, NULL, ca) AS co, NULLIF(ca, 0) AS nz
FROM v WHERE annee = 2023 ORDER BY client
SELECT Total = SUM(ca), 'lit' AS [Libellé], [client] FROM v GROUP BY [client] ORDER BY [client]
GO
