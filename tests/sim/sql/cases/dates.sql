-- Date functions, date columns compared with any literal form, CONVERT styles
CREATE TABLE d (id int NOT NULL, dt datetime NULL, sd smalldatetime NULL, da date NULL, d2 datetime2(3) NULL)
INSERT INTO d VALUES (1, '2024-01-31 13:45:30.123', '2024-01-31 13:45:29', '2024-01-31', '2024-01-31T08:00:00.5'),
  (2, '20240229', '20240229 23:59:59', '20240229', '20240229'), (3, NULL, NULL, NULL, NULL)
GO
SELECT id, dt, sd, da, d2 FROM d ORDER BY id
SELECT YEAR(dt) AS y, MONTH(dt) AS m, DAY(dt) AS dd, DATEPART(quarter, dt) AS q, DATEPART(hour, dt) AS h
FROM d ORDER BY id
SELECT DATEADD(day, 1, dt) AS plus1, DATEADD(month, 1, da) AS nextm, DATEADD(year, -1, dt) AS prevy,
  DATEADD(minute, 30, sd) AS plus30m
FROM d WHERE id = 1
SELECT DATEDIFF(day, '2024-01-01', dt) AS dd, DATEDIFF(month, '2023-12-31', dt) AS mm,
  DATEDIFF(year, '2023-12-31', '2024-01-01') AS yy, DATEDIFF(hour, '2024-01-01 23:59', '2024-01-02 00:01') AS hh
FROM d WHERE id = 1
SELECT DATEFROMPARTS(2024, 2, 29) AS a, EOMONTH('2024-02-10') AS b, EOMONTH('2024-01-31', 1) AS c
GO
SELECT id FROM d WHERE dt >= '20240201' ORDER BY id
SELECT id FROM d WHERE da = '2024-02-29 00:00:00' ORDER BY id
SELECT id FROM d WHERE dt BETWEEN '2024-01-01' AND '2024-01-31 23:59:59' ORDER BY id
SELECT COUNT(*) AS n FROM d WHERE YEAR(dt) = 2024 AND MONTH(dt) IN (1, 2)
GO
SELECT CONVERT(varchar(10), dt, 103) AS fr, CONVERT(varchar(8), dt, 112) AS iso, CONVERT(varchar(19), dt, 120) AS odbc,
  CONVERT(varchar(10), dt, 23) AS ymd, CONVERT(date, dt) AS dateonly, CAST(dt AS date) AS c2
FROM d WHERE id = 1
SELECT CAST('2024-03-05' AS datetime) AS a, CAST('05/03/2024' AS date) AS b, CONVERT(datetime, '20240305 10:00') AS c
GO
SELECT CASE WHEN GETDATE() > '2020-01-01' THEN 'ok' END AS now_ok, CASE WHEN SYSDATETIME() > '2020-01-01' THEN 'ok' END AS s
GO
SELECT CAST('2024-02-30' AS date)
GO
SELECT DATEFROMPARTS(2023, 2, 29)
GO
