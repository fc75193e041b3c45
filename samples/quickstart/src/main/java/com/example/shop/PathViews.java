package com.example.shop;

/** One row of {@link PageViews#topPages}: columns map to components by name. */
public record PathViews(String path, long views) {}
