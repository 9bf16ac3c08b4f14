CREATE DATABASE CONF
go
USE CONF
go
CREATE TABLE dbo.T_TYPES (
    id int NOT NULL PRIMARY KEY, b bit NULL, ti tinyint NULL, si smallint NULL,
    bi bigint NULL, de decimal(18, 4) NULL, m money NULL, f float NULL,
    dt datetime NULL, sdt smalldatetime NULL, dt2 datetime2(7) NULL, d date NULL,
    c char(5) NULL, vc varchar(35) NULL, nc nchar(3) NULL, nvc nvarchar(35) NULL,
    vmax varchar(max) NULL, nmax nvarchar(max) NULL, vb varbinary(16) NULL)
go
INSERT INTO dbo.T_TYPES (id, b, ti, si, bi, de, m, f, dt, sdt, dt2, d, c, vc, nc, nvc, vmax, nmax, vb)
VALUES (1, 1, 255, -32768, 9007199254740993, -1234567.8912, 1234.56, 3.25,
        '2024-02-29 13:45:30.123', '2024-02-29 13:46:00', '2024-02-29 13:45:30.1234567', '2024-02-29',
        'ab', 'Bijouterie Élégance – été €', N'é', N'Ça coûte 5 € – 日本', 'grand texte éà', N'𝄞 clé', 0x0102FF)
go
INSERT INTO dbo.T_TYPES (id) VALUES (2)
go
CREATE TABLE dbo.T_BCP (id int NOT NULL, nom varchar(40) NULL, montant decimal(24, 6) NULL, jour datetime NULL)
go
CREATE TABLE dbo.T_BCP2 (id int NOT NULL, nom varchar(40) NULL, montant decimal(24, 6) NULL, jour datetime NULL)
go
