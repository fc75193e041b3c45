package dev.lakeside.spring.boot;

import dev.lakeside.Lakeside;
import dev.lakeside.repository.RepositoryIndex;
import dev.lakeside.repository.TableRepository;
import java.beans.Introspector;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.Ordered;

/**
 * Registers one bean per interface of the generated repository index ({@link RepositoryIndex}), made by {@link
 * Lakeside#repository}, unless the application already defines a bean of that type. Runs after the application's
 * configuration classes were read, so its own definitions are seen.
 */
final class RepositoryRegistrar implements BeanDefinitionRegistryPostProcessor, BeanClassLoaderAware, Ordered {
    private ClassLoader classLoader = RepositoryRegistrar.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) throws BeansException {
        ListableBeanFactory beans = registry instanceof ListableBeanFactory listable ? listable : null;
        for (Class<? extends TableRepository<?>> type : RepositoryIndex.all(classLoader)) {
            if (beans != null && beans.getBeanNamesForType(type, true, false).length > 0) {
                continue;
            }
            register(registry, type);
        }
    }

    private static <R> void register(BeanDefinitionRegistry registry, Class<R> type) {
        RootBeanDefinition definition = new RootBeanDefinition(type);
        definition.setInstanceSupplier(
                () -> ((ListableBeanFactory) registry).getBean(Lakeside.class).repository(type));
        String name = Introspector.decapitalize(type.getSimpleName());
        registry.registerBeanDefinition(registry.containsBeanDefinition(name) ? type.getName() : name, definition);
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {}

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
