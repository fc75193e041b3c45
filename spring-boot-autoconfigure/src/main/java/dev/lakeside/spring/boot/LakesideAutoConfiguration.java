package dev.lakeside.spring.boot;

import dev.lakeside.Lakeside;
import dev.lakeside.client.LakehouseClient;
import dev.lakeside.local.LocalLakehouse;
import dev.lakeside.mapping.TableModel;
import dev.lakeside.mapping.TableModels;
import dev.lakeside.track.FullPolicy;
import dev.lakeside.track.SpoolConfig;
import dev.lakeside.track.SyncPolicy;
import dev.lakeside.track.Tracker;
import dev.lakeside.track.TrackerConfig;
import java.time.Duration;
import java.util.UUID;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Lakeside beans: a {@link LakehouseClient}, a {@link Lakeside} facade, its {@link Tracker}, every
 * {@code @LakehouseRepository} of the generated index, and, without {@code lakeside.url}, an in-process
 * {@link LocalLakehouse} when lakeside-local is on the class path. Each backs off when the application defines its
 * own.
 */
@AutoConfiguration
@EnableConfigurationProperties(LakesideProperties.class)
public class LakesideAutoConfiguration {
    private static final Log LOG = LogFactory.getLog(LakesideAutoConfiguration.class);

    /** The user of the in-process local lakehouse. */
    static final String LOCAL_USER = "lakeside";

    /** Starts an in-process local lakehouse when no URL is configured. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LocalLakehouse.class)
    @Conditional(NoUrlCondition.class)
    static class LocalLakehouseConfiguration {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        LocalLakehouse lakesideLocalLakehouse(LakesideProperties properties) {
            LakesideProperties.Local local = properties.getLocal();
            LocalLakehouse lakehouse = LocalLakehouse.builder()
                    .port(local.getPort())
                    .threads(local.getThreads())
                    .user(LOCAL_USER, UUID.randomUUID().toString())
                    .start();
            LOG.info("Lakeside: started an in-process local lakehouse at " + lakehouse.baseUri()
                    + " because lakeside.url is not set and lakeside-local is on the class path. Its data is in "
                    + "memory and is lost at shutdown; set lakeside.url to use a real lakehouse.");
            return lakehouse;
        }
    }

    @Bean
    @ConditionalOnMissingBean
    LakehouseClient lakehouseClient(
            LakesideProperties properties,
            ObjectProvider<LocalLakehouse> local,
            ObjectProvider<LakehouseClientBuilderCustomizer> customizers) {
        LakehouseClient.Builder builder = LakehouseClient.builder();
        LocalLakehouse embedded = properties.getUrl() == null ? local.getIfAvailable() : null;
        if (embedded != null) {
            builder.baseUri(embedded.baseUri()).token(embedded.basicAuthToken(LOCAL_USER));
        } else {
            if (properties.getUrl() != null) {
                builder.baseUri(properties.getUrl());
            }
            if (properties.getToken() != null) {
                builder.token(properties.getToken());
            } else if (properties.getUsername() != null || properties.getPassword() != null) {
                builder.credentials(properties.getUsername(), properties.getPassword());
            }
        }
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    Lakeside lakeside(LakehouseClient client, LakesideProperties properties, Environment environment) {
        Lakeside lakeside = Lakeside.builder(client)
                .defaultCatalog(properties.getCatalog())
                .defaultSchema(properties.getSchema())
                .tracker(trackerConfig(properties.getTracker(), shutdownPhaseTimeout(environment)))
                .build();
        prepareSchema(lakeside, properties.getSchemaAction());
        return lakeside;
    }

    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    Tracker lakesideTracker(Lakeside lakeside) {
        return lakeside.tracker();
    }

    /** Drains the tracker when the context stops, after the web server stopped taking requests. */
    @Bean
    static TrackerDrain lakesideTrackerDrain(Environment environment) {
        return new TrackerDrain(shutdownPhaseTimeout(environment));
    }

    /** One bean per interface of the generated repository index. */
    @Bean
    static RepositoryRegistrar lakesideRepositoryRegistrar() {
        return new RepositoryRegistrar();
    }

    static TrackerConfig trackerConfig(LakesideProperties.Tracker tracker, Duration closeTimeout) {
        TrackerConfig.Builder config =
                TrackerConfig.builder().shutdownHook(false).closeTimeout(closeTimeout);
        if (tracker.getMaxBatchRows() != null) {
            config.maxBatchRows(tracker.getMaxBatchRows());
        }
        if (tracker.getMaxBatchBytes() != null) {
            config.maxBatchBytes(Math.toIntExact(tracker.getMaxBatchBytes().toBytes()));
        }
        if (tracker.getLinger() != null) {
            config.linger(tracker.getLinger());
        }
        if (tracker.getMaxQueueBytes() != null) {
            config.maxQueueBytes(tracker.getMaxQueueBytes().toBytes());
        }
        if (tracker.getFullPolicy() != null) {
            config.fullPolicy(
                    switch (tracker.getFullPolicy()) {
                        case DROP_NEWEST -> FullPolicy.dropNewest();
                        case DROP_OLDEST -> FullPolicy.dropOldest();
                        case BLOCK -> FullPolicy.block(tracker.getFullWait());
                    });
        }
        if (tracker.getDeliveryTimeout() != null) {
            config.deliveryTimeout(tracker.getDeliveryTimeout());
        }
        if (tracker.getConfirmation() != null) {
            config.confirmation(tracker.getConfirmation());
        }
        LakesideProperties.Spool spool = tracker.getSpool();
        if (spool.getDirectory() != null) {
            SpoolConfig.Builder spoolConfig = SpoolConfig.builder(spool.getDirectory());
            if (spool.getSync() != null) {
                spoolConfig.sync(
                        switch (spool.getSync()) {
                            case ALWAYS -> SyncPolicy.always();
                            case INTERVAL -> SyncPolicy.every(spool.getSyncInterval());
                            case OS -> SyncPolicy.os();
                        });
            }
            if (spool.getMaxBytes() != null) {
                spoolConfig.maxBytes(spool.getMaxBytes().toBytes());
            }
            if (spool.getSegmentBytes() != null) {
                spoolConfig.segmentBytes(Math.toIntExact(spool.getSegmentBytes().toBytes()));
            }
            config.spool(spoolConfig.build());
        }
        if (tracker.getDeadLetterDirectory() != null) {
            config.deadLetterDirectory(tracker.getDeadLetterDirectory());
        }
        return config.build();
    }

    /** Spring's per-phase shutdown timeout ({@code spring.lifecycle.timeout-per-shutdown-phase}, default 30 s). */
    static Duration shutdownPhaseTimeout(Environment environment) {
        return environment.getProperty(
                "spring.lifecycle.timeout-per-shutdown-phase", Duration.class, Duration.ofSeconds(30));
    }

    private static void prepareSchema(Lakeside lakeside, LakesideProperties.SchemaAction action) {
        if (action == LakesideProperties.SchemaAction.NONE) {
            return;
        }
        Class<?>[] records = TableModels.all(Thread.currentThread().getContextClassLoader()).stream()
                .map(TableModel::type)
                .toArray(Class<?>[]::new);
        if (records.length == 0) {
            LOG.warn("Lakeside: lakeside.schema-action is " + action + " but the class path has no generated table "
                    + "model (META-INF/services/dev.lakeside.mapping.TableModel); is lakeside-processor on the "
                    + "annotation processor path?");
            return;
        }
        if (action == LakesideProperties.SchemaAction.CREATE) {
            lakeside.schema().create(records);
        } else {
            lakeside.schema().validate(records);
        }
    }
}
