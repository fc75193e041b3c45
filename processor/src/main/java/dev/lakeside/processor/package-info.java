/**
 * The Lakeside annotation processor: {@link dev.lakeside.processor.TableProcessor} (isolating) and
 * {@link dev.lakeside.processor.IndexProcessor} (aggregating). For the annotation processor path
 * only; nothing here is API.
 *
 * <p>Stages, each its own class (SG-12): {@code RecordCollector} (finds and defers) →
 * {@code RecordValidator} (returns {@code Problems}, prints nothing) → {@code TableModeler} (builds
 * the immutable {@code TableDef}/{@code ValueType} model) → {@code DdlGenerator},
 * {@code TableModelGenerator}, {@code WriterGenerator} and {@code ReaderGenerator} (take the model,
 * never an {@code Element}). Every diagnostic is a {@code Message} constant with a stable code.
 */
package dev.lakeside.processor;
