package ru.journalarchive.app.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import ru.journalarchive.app.verification.PackageEvidence;
import ru.journalarchive.storage.archive.LockedObjects;
import ru.journalarchive.storage.archive.StoredVersion;
import ru.journalarchive.storage.catalogue.ArchivedDocument;
import ru.journalarchive.storage.catalogue.AuditedRetrieval;
import ru.journalarchive.storage.catalogue.DocumentNotFound;

/**
 * A document's files and its whole package as downloads, for the API and the archivist's pages alike:
 * every file through the read audit, the package as a ZIP of the files, manifest.json and, once there is
 * one, the document's evidence record. A destroyed document has nothing left to download.
 */
@Component
public class ArchiveDownloads {

    private final AuditedRetrieval retrieval;
    private final LockedObjects archive;
    private final ArchiveEvidence evidence;

    public ArchiveDownloads(AuditedRetrieval retrieval, LockedObjects archive, ArchiveEvidence evidence) {
        this.retrieval = retrieval;
        this.archive = archive;
        this.evidence = evidence;
    }

    /** One file of the package (document.pdf, document.pdf.sig, data.json), read as {@code reader} from {@code remote}. */
    public ResponseEntity<byte[]> file(ArchivedDocument document, String name, String reader, String remote) {
        var entry = document.objects().get(name);
        if (entry == null || document.disposedByAct() != null) throw new DocumentNotFound(document.documentId() + "/" + name);
        byte[] bytes = retrieval.read(document.documentId(), name, reader, remote);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(entry.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(document.documentId() + "-" + name)).body(bytes);
    }

    /** The package as a ZIP; each file's read is audited before the answer starts. */
    public ResponseEntity<byte[]> packageZip(ArchivedDocument document, String reader, String remote) throws IOException {
        if (document.disposedByAct() != null) throw new DocumentNotFound(document.documentId());
        var out = new java.io.ByteArrayOutputStream();
        writePackage(document, reader, remote, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, attachment(document.documentId() + ".zip")).body(out.toByteArray());
    }

    private void writePackage(ArchivedDocument document, String reader, String remote, OutputStream out) throws IOException {
        try (var zip = new ZipOutputStream(out)) {
            for (String name : document.objects().keySet()) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(retrieval.read(document.documentId(), name, reader, remote));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest(document));
            zip.closeEntry();
            var record = evidence.evidenceFor(document.documentId());
            if (record.isPresent()) {
                zip.putNextEntry(new ZipEntry(PackageEvidence.FILE));
                zip.write(record.get());
                zip.closeEntry();
            }
        }
    }

    /** manifest.json exactly as stored. */
    public byte[] manifest(ArchivedDocument document) {
        return archive.read(new StoredVersion(document.manifestKey(), document.manifestVersion(), 0));
    }

    private static String attachment(String filename) {
        return ContentDisposition.attachment().filename(filename).build().toString();
    }
}
