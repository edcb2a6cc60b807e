import './base.css';
import './share.css';
