-- Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d).
-- One database per service: no service reads another service's tables.
CREATE DATABASE mpp_identity;
CREATE DATABASE mpp_catalog;
CREATE DATABASE mpp_ordering;
CREATE DATABASE mpp_miniprograms;
CREATE DATABASE mpp_insights;
CREATE DATABASE mpp_integrations;
