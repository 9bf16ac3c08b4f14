-- Grouped queries: SQL Server's 8120 for a bare column outside GROUP BY
CREATE TABLE g (client varchar(10) NOT NULL, annee int NOT NULL, ca decimal(24,6) NOT NULL)
INSERT INTO g VALUES ('A', 2023, 1), ('A', 2024, 2), ('B', 2024, 3)
GO
SELECT client, COUNT(*) AS n FROM g GROUP BY client ORDER BY client
SELECT g.client, SUM(g.ca) AS s FROM g GROUP BY g.client HAVING SUM(g.ca) > 2 ORDER BY g.client
SELECT COUNT(*) AS n, MAX(annee) AS last_year FROM g
SELECT client, annee, COUNT(*) OVER (PARTITION BY client) AS n FROM g ORDER BY client, annee
SELECT client, (SELECT MAX(ca) FROM g g2 WHERE g2.client = g.client) AS best FROM g WHERE annee = 2024 ORDER BY client
GO
SELECT client, annee, SUM(ca) FROM g GROUP BY client
GO
SELECT client, COUNT(*) FROM g
GO
