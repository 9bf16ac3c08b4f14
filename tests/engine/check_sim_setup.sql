-- Test databases for test_check_sim.sh: a tiny GesCom-looking company, a
-- database that is not GesCom, and an empty CRM database.
CREATE DATABASE GESTEST
go
USE GESTEST
go
CREATE TABLE dbo.F_COMPTET (CT_Num varchar(17) NOT NULL PRIMARY KEY, CT_Intitule varchar(69) NULL, CT_Type smallint NULL)
go
CREATE TABLE dbo.F_DOCENTETE (DO_Domaine smallint NOT NULL, DO_Type smallint NOT NULL, DO_Piece varchar(13) NOT NULL, DO_Tiers varchar(17) NULL, DO_Date datetime NULL)
go
CREATE TABLE dbo.F_DOCLIGNE (DO_Domaine smallint NOT NULL, DO_Type smallint NOT NULL, DO_Piece varchar(13) NOT NULL, DL_MontantHT numeric(24, 6) NULL)
go
CREATE TABLE dbo.P_DOSSIER (D_RaisonSoc varchar(35) NULL, D_DebutExo01 datetime NULL)
go
CREATE TABLE dbo.cbSysLibre (CB_File nvarchar(128) NOT NULL, CB_Name nvarchar(128) NOT NULL, CB_Type smallint NULL)
go
CREATE TABLE dbo.F_COMPTEG (CG_Num varchar(13) NOT NULL PRIMARY KEY)
go
CREATE TABLE dbo.F_CONTACTT (CT_Num varchar(17) NOT NULL, CT_No int NOT NULL)
go
CREATE TABLE dbo.F_LIVRAISON (CT_Num varchar(17) NOT NULL, LI_No int NOT NULL)
go
INSERT INTO dbo.F_COMPTET (CT_Num, CT_Intitule, CT_Type) VALUES ('CLI0001', 'Bijouterie Élégance', 0)
go
CREATE DATABASE AUTRE
go
USE AUTRE
go
CREATE TABLE dbo.T_AUTRE (id int NOT NULL)
go
CREATE DATABASE CRMTEST
go
