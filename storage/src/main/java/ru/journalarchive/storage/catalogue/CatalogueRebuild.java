package ru.journalarchive.storage.catalogue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.Manifest;

/** Rebuilds the catalogue from the manifests in the bucket alone, as a reader without the database would. */
public final class CatalogueRebuild {

    private final LockedObjects archive;
    private final Catalogue catalogue;
    private final ObjectMapper json;

    public CatalogueRebuild(LockedObjects archive, Catalogue catalogue, ObjectMapper json) {
        this.archive = archive;
        this.catalogue = catalogue;
        this.json = json;
    }

    /** Catalogues every manifest found under the prefix; returns how many were new to the catalogue. */
    public int rebuild(String prefix) {
        int added = 0;
        for (String key : archive.manifestKeys(prefix)) {
            var version = archive.newest(key).orElseThrow();
            try {
                byte[] bytes = archive.read(version);
                Manifest manifest = json.readValue(bytes, Manifest.class);
                if (catalogue.record(manifest, archive.bucket(), key, version.versionId(),
                        ru.journalarchive.storage.archive.ObjectHashes.streebog256(bytes))) added++;
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable manifest " + key, e);
            }
        }
        return added;
    }
}
