/** GOST CAdES/PAdES signing and verification over bytes; knows nothing of schools (issue 4). */
package ru.journalarchive.signing;
