// The demo shop's own code: a localStorage cart and the GA4 e-commerce
// events a real shop pushes to window.dataLayer. Of Mostrador it knows one thing:
// the hook that puts a product card's product in this cart (below addToCart).
(function () {
  'use strict';
  var KEY = 'botiga-cart';
  var CURRENCY = 'EUR';
  window.dataLayer = window.dataLayer || [];

  function load() {
    try {
      var parsed = JSON.parse(localStorage.getItem(KEY) || '[]');
      return Array.isArray(parsed) ? parsed : [];
    } catch (e) {
      return [];
    }
  }
  function save(lines) {
    localStorage.setItem(KEY, JSON.stringify(lines));
    renderCount(lines);
  }
  function total(lines) {
    return lines.reduce(function (sum, l) {
      return sum + l.price * l.qty;
    }, 0);
  }
  function euros(n) {
    return new Intl.NumberFormat('ca-ES', { style: 'currency', currency: CURRENCY }).format(n);
  }
  function gaItem(line, qty) {
    return { item_id: line.sku, item_name: line.name, price: line.price, quantity: qty };
  }
  function track(event, lines, items) {
    window.dataLayer.push({ ecommerce: null });
    window.dataLayer.push({ event: event, ecommerce: { currency: CURRENCY, value: total(lines), items: items } });
  }
  function renderCount(lines) {
    var count = lines.reduce(function (n, l) {
      return n + l.qty;
    }, 0);
    document.querySelectorAll('[data-cart-count]').forEach(function (el) {
      el.textContent = String(count);
    });
  }

  function addLine(product) {
    var lines = load();
    var line = lines.find(function (l) {
      return l.sku === product.sku;
    });
    if (line) line.qty += 1;
    else {
      line = { sku: product.sku, name: product.name, price: product.price, url: product.url, qty: 1 };
      lines.push(line);
    }
    save(lines);
    track('add_to_cart', lines, [gaItem(line, 1)]);
  }

  function addToCart(button) {
    addLine({
      sku: button.getAttribute('data-sku'),
      name: button.getAttribute('data-name'),
      price: Number(button.getAttribute('data-price')),
      url: button.getAttribute('data-url'),
    });
    var note = document.querySelector('[data-added]');
    if (note) note.hidden = false;
  }

  // The one thing this shop tells Mostrador: how to put a product an agent
  // showed in the chat (a product card) into this cart. Queued on the usual
  // stub when the widget has not loaded yet.
  window.Mostrador =
    window.Mostrador ||
    function () {
      (window.Mostrador.q = window.Mostrador.q || []).push(arguments);
    };
  window.Mostrador('on', 'addToCart', function (product) {
    if (!product.sku || product.price === null) return false;
    addLine({ sku: product.sku, name: product.name, price: product.price, url: new URL(product.url).pathname });
    return true;
  });

  function setQty(sku, qty) {
    var lines = load();
    var line = lines.find(function (l) {
      return l.sku === sku;
    });
    if (!line) return;
    var delta = qty - line.qty;
    if (qty <= 0)
      lines = lines.filter(function (l) {
        return l.sku !== sku;
      });
    else line.qty = qty;
    save(lines);
    if (delta > 0) track('add_to_cart', lines, [gaItem(line, delta)]);
    if (delta < 0) track('remove_from_cart', lines, [gaItem(line, -delta)]);
    renderCart();
  }

  function cell(text) {
    var td = document.createElement('td');
    td.textContent = text;
    return td;
  }

  function renderCart() {
    var body = document.querySelector('[data-cart-lines]');
    if (!body) return;
    var lines = load();
    var table = document.querySelector('[data-cart-table]');
    var empty = document.querySelector('[data-cart-empty]');
    table.hidden = lines.length === 0;
    empty.hidden = lines.length > 0;
    body.textContent = '';
    lines.forEach(function (line) {
      var tr = document.createElement('tr');
      var name = document.createElement('td');
      var link = document.createElement('a');
      link.href = line.url;
      link.textContent = line.name;
      name.appendChild(link);
      var qtyCell = document.createElement('td');
      var qty = document.createElement('input');
      qty.type = 'number';
      qty.min = '0';
      qty.value = String(line.qty);
      qty.setAttribute('aria-label', 'Quantitat de ' + line.name);
      qty.addEventListener('change', function () {
        setQty(line.sku, Math.max(0, Math.floor(Number(qty.value) || 0)));
      });
      qtyCell.appendChild(qty);
      var removeCell = document.createElement('td');
      var remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Treu';
      remove.addEventListener('click', function () {
        setQty(line.sku, 0);
      });
      removeCell.appendChild(remove);
      tr.append(name, qtyCell, cell(euros(line.price * line.qty)), removeCell);
      body.appendChild(tr);
    });
    document.querySelector('[data-cart-total]').textContent = euros(total(lines));
    document.querySelector('[data-cart-actions]').hidden = lines.length === 0;
    track(
      'view_cart',
      lines,
      lines.map(function (l) {
        return gaItem(l, l.qty);
      }),
    );
  }

  function renderCheckout() {
    var form = document.querySelector('[data-checkout-form]');
    if (!form) return;
    var lines = load();
    document.querySelector('[data-cart-empty]').hidden = lines.length > 0;
    form.hidden = lines.length === 0;
    if (lines.length === 0) return;
    document.querySelector('[data-cart-total]').textContent = euros(total(lines));
    track(
      'begin_checkout',
      lines,
      lines.map(function (l) {
        return gaItem(l, l.qty);
      }),
    );
    document.querySelector('[data-place-order]').addEventListener('click', function () {
      var id = 'B-' + Date.now().toString(36).toUpperCase();
      window.dataLayer.push({ ecommerce: null });
      window.dataLayer.push({
        event: 'purchase',
        ecommerce: {
          transaction_id: id,
          currency: CURRENCY,
          value: total(lines),
          items: lines.map(function (l) {
            return gaItem(l, l.qty);
          }),
        },
      });
      save([]);
      form.hidden = true;
      document.querySelector('[data-order-id]').textContent = id;
      document.querySelector('[data-order-placed]').hidden = false;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    renderCount(load());
    document.querySelectorAll('[data-add-to-cart]').forEach(function (button) {
      button.addEventListener('click', function () {
        addToCart(button);
      });
    });
    renderCart();
    renderCheckout();
  });
})();
