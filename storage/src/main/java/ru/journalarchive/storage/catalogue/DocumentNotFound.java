package ru.journalarchive.storage.catalogue;

/** No such document (or object of it) in the catalogue. */
public class DocumentNotFound extends RuntimeException {
    public DocumentNotFound(String what) {
        super("not in the archive: " + what);
    }
}
