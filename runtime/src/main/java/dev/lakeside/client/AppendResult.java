package dev.lakeside.client;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code POST /append}. A data problem is not an exception: {@code ok} is false and
 * {@code errorCode} says why ({@code invalid-data}, {@code incompatible-schema}).
 *
 * @param ok whether the rows were accepted
 * @param taskId the asynchronous task to poll with {@link LakehouseClient#getTask}, or null
 * @param errorMessage the server's explanation when not ok, or null
 * @param errorCode the error class when not ok, or null
 */
public record AppendResult(
        boolean ok,
        @Nullable String taskId,
        @Nullable String errorMessage,
        @Nullable String errorCode) {}
