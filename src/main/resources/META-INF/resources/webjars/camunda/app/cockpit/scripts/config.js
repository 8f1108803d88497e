// campaign-delivery: the product's name in the header and the title ("vendor" is a space:
// empty would bring back "Camunda"). Everything else keeps the webapp's defaults.
export default {
  app: { name: 'campaign-delivery', vendor: ' ' }
};
