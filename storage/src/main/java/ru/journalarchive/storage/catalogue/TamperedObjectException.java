package ru.journalarchive.storage.catalogue;

/** The stored bytes no longer match the catalogue's hash: never served, always reported. */
public class TamperedObjectException extends RuntimeException {
    public TamperedObjectException(String documentId, String objectName) {
        super("the stored " + objectName + " of " + documentId + " does not match its catalogued SHA-256");
    }
}
