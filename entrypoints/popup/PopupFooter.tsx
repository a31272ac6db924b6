import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n/i18n';

/**
 * The popup's two ways out, as a list: read one after the other they are two links, not
 * "Open my full knowledge logSettings", and the bar between them shows it.
 */
export function PopupFooter() {
  return (
    <footer>
      <ul className="footer-links">
        <li>
          <button
            type="button"
            className="link"
            onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/log.html') })}
          >
            {t('open_full_log')}
          </button>
        </li>
        <li>
          <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('settings')}
          </button>
        </li>
      </ul>
    </footer>
  );
}
