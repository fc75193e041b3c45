/**
 * The Lakeside annotation processor: {@link dev.lakeside.processor.TableProcessor} (isolating),
 * {@link dev.lakeside.processor.IndexProcessor} (aggregating) and
 * {@link dev.lakeside.processor.RepositoryProcessor} (dynamic). For the annotation processor path
 * only; nothing here is API but the verifier SPI in {@code dev.lakeside.processor.spi}.
 *
 * <p>Stages, each its own class: {@code TypeCollector} (finds and defers) →
 * {@code RecordValidator} (returns {@code Problems}, prints nothing) → {@code TableModeler} (builds
 * the immutable {@code TableDef}/{@code ValueType} model) → {@code DdlGenerator},
 * {@code TableModelGenerator}, {@code WriterGenerator} and {@code ReaderGenerator} (take the model,
 * never an {@code Element}); for repositories {@code RepositoryModeler} (with {@code InterfaceChecks},
 * {@code FinderModeler} and {@code FinderPredicate}, {@code QueryModeler}, {@code ResultShapes}) →
 * {@code RepositoryDef} and {@code SqlPlan} → {@code RepositoryGenerator}. Every diagnostic is a
 * {@code Message} constant with a stable code.
 */
package dev.lakeside.processor;
