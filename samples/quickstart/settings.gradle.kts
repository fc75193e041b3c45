rootProject.name = "shop-analytics"
