/**
 * Evidence records (RFC 4998; RFC 6283's purpose) over the archive packages' manifest.json files: daily
 * one hash tree with one time-stamp over every new document ({@link ru.journalarchive.storage.evidence.EvidenceRecords#buildDue()}),
 * time-stamp and hash-tree renewals before the proofs lapse ({@link ru.journalarchive.storage.evidence.EvidenceRecords#renewDue}),
 * each a new locked object, never a rewrite. The manifest lists every file's SHA-256 and Streebog-256,
 * so a proof of the manifest's existence at a time is one of the whole package's.
 */
package ru.journalarchive.storage.evidence;
