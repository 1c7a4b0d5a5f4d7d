package ru.journalarchive.app.web;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The pages (application.yml, prefix journal-archive.web): where CryptoPro's {@code cadesplugin_api.js}
 * comes from (a URL, or a file the deployer puts into vendorDirectory, served under /vendor/), how long
 * the signing page waits for the plug-in, and the largest file an inspector may upload.
 */
@ConfigurationProperties("journal-archive.web")
public record WebProperties(String cadespluginApiUrl, Path vendorDirectory, Duration pluginTimeout, DataSize maxUpload) {

    /** The origin the plug-in's loader comes from, when it is not this service: the signing page's CSP allows it. */
    public String cadespluginOrigin() {
        var uri = java.net.URI.create(cadespluginApiUrl);
        return uri.getScheme() == null ? null : uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
