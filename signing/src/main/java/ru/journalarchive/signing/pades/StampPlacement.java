package ru.journalarchive.signing.pades;

/**
 * Where the visible mark of the signature goes: on the last page, a rectangle in points from the
 * bottom left of the page as it is shown (rotation applied). The document's producer knows where it
 * left room for it.
 */
public record StampPlacement(float x, float y, float width, float height) {}
