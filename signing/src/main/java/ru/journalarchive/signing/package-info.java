/**
 * GOST electronic signatures (GOST R 34.10-2012 / 34.11-2012): keys and certificates, CAdES and
 * PAdES signing, verification. Takes bytes and policies; knows nothing of schools.
 */
package ru.journalarchive.signing;
