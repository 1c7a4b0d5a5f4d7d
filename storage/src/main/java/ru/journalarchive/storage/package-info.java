/** Object-locked S3 archive, retention and catalogue; knows nothing of schools (issue 5). */
package ru.journalarchive.storage;
