/**
 * The archive on S3 with object lock: buckets, retention, packages, catalogue, fixity audit, legal hold
 * and disposal. Takes bytes, metadata and a retention class; knows nothing of schools.
 */
package ru.journalarchive.storage;
