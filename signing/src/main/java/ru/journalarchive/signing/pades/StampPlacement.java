package ru.journalarchive.signing.pades;

/**
 * Where the visible mark of the signature goes: on the last page, a rectangle in PDF user space
 * (points from the bottom left). The document's producer knows where it left room for it.
 */
public record StampPlacement(float x, float y, float width, float height) {}
