-- Synthetic company for bench/replicate (docs/benchmarks.md, Replication): load
-- tests/sqlext/fixture/gescom_small.sql into an empty database first, then this
-- (20,000 customers x 5 invoices x 4 lines).  Recursive CTEs beyond 100 levels:
-- on SQL Server add OPTION (MAXRECURSION 0) to each INSERT.
WITH n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
INSERT INTO F_COMPTET (CT_Num, CT_Intitule, CT_Type, CT_Prospect, CT_Sommeil, CG_NumPrinc, CT_NumPayeur, N_Risque, CT_Encours, CO_No, CT_Statistique01, CT_Statistique02, [Capital social], [Date création société], [Remarque l'été], [Catégorie [VIP]]], cbModification)
SELECT 'C' + RIGHT('000000' + CAST(i AS varchar(7)), 6), 'Client n° ' + CAST(i AS varchar(7)), 0, 0, 0, '4110000', 'C' + RIGHT('000000' + CAST(i AS varchar(7)), 6), 1, 1000, 1, 'Région ' + CAST(i % 7 AS varchar(2)), 'Type', i * 10, '2001-02-03', 'Remarque été ' + CAST(i AS varchar(7)), 'Or', '2026-03-01 10:00' FROM n;
WITH d AS (SELECT 1 AS k UNION ALL SELECT k + 1 FROM d WHERE k < 5)
INSERT INTO F_DOCENTETE (DO_Domaine, DO_Type, DO_Piece, DO_Date, DO_Tiers, DO_Provenance, cbModification)
SELECT 0, 6 + (t.cbMarq + d.k) % 2, 'F' + CAST(t.cbMarq AS varchar(8)) + '-' + CAST(d.k AS varchar(2)),
    DATEADD(day, (t.cbMarq * 7 + d.k * 53) % 700, CONVERT(datetime, '2024-07-01')), t.CT_Num,
    CASE WHEN d.k = 5 THEN 2 ELSE 0 END, '2026-03-01 10:00'
FROM F_COMPTET AS t CROSS JOIN d WHERE t.CT_Num LIKE 'C%';
WITH l AS (SELECT 1 AS j UNION ALL SELECT j + 1 FROM l WHERE j < 4)
INSERT INTO F_DOCLIGNE (DO_Domaine, DO_Type, DO_Piece, CT_Num, DL_MontantHT, cbModification)
SELECT e.DO_Domaine, e.DO_Type, e.DO_Piece, e.DO_Tiers, CAST((e.cbMarq % 97) * 10 + l.j AS decimal(24, 6)) / 4, '2026-03-01 10:00'
FROM F_DOCENTETE AS e CROSS JOIN l WHERE e.DO_Piece LIKE 'F%';
