package dev.lakeside.samples;

public final class ProductAnalytics {
  public static void main(String[] args) {
    System.out.println(PageViewedTableModel.class.getName());
  }
}
